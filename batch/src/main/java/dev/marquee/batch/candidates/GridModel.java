package dev.marquee.batch.candidates;

import com.typesafe.config.Config;
import dev.marquee.batch.models.Recommender;
import dev.marquee.batch.models.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plug-in whose name is fixed and whose grid is read once from its config section. */
abstract class GridModel implements Recommender {
    private final String name;
    private final List<Setting> grid;

    /**
     * @param axes pairs of (config key, setting name), in grid order: each key holds a number or a list
     */
    GridModel(String name, Config section, String... axes) {
        this(name, Setting.grid(section, pairs(axes)));
    }

    GridModel(String name, List<Setting> grid) {
        this.name = name;
        this.grid = List.copyOf(grid);
    }

    private static Map<String, String> pairs(String... axes) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int a = 0; a + 1 < axes.length; a += 2) {
            m.put(axes[a], axes[a + 1]);
        }
        return m;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<Setting> grid() {
        return grid;
    }
}
