package dev.marquee.batch.models;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of a model's hyperparameter grid: named numbers ({@code halfLifeDays=7},
 * {@code rank=64, regParam=1, alpha=10}). Written into the manifest's lineage as a map.
 *
 * @param values by name, in the grid's order
 */
public record Setting(Map<String, Double> values) implements Serializable {

    public Setting {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The setting of a model without hyperparameters. */
    public static Setting none() {
        return new Setting(Map.of());
    }

    /** A value; throws if the setting has none of that name. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no " + name + " in " + values);
        }
        return v;
    }

    /** A value as an int. */
    public int getInt(String name) {
        return (int) Math.round(get(name));
    }

    /**
     * Every combination of the axes, the first axis varying slowest. In {@code section}, each key
     * of {@code axes} holds a number or a list of numbers; the map's values name the setting's keys.
     */
    public static List<Setting> grid(Config section, Map<String, String> axes) {
        List<Setting> grid = List.of(none());
        for (Map.Entry<String, String> axis : axes.entrySet()) {
            // a list, or an object with keys 0, 1, ... (a list set by system properties key.0, key.1);
            // else one number (a string from a system property included)
            ConfigValueType type = section.getValue(axis.getKey()).valueType();
            List<Double> points = type == ConfigValueType.LIST || type == ConfigValueType.OBJECT
                    ? section.getDoubleList(axis.getKey()) : List.of(section.getDouble(axis.getKey()));
            if (points.isEmpty()) {
                throw new IllegalArgumentException("marquee.batch.models: " + axis.getKey() + " is an empty grid");
            }
            List<Setting> next = new ArrayList<>();
            for (Setting s : grid) {
                for (double p : points) {
                    Map<String, Double> m = new LinkedHashMap<>(s.values());
                    m.put(axis.getValue(), p);
                    next.add(new Setting(m));
                }
            }
            grid = next;
        }
        return List.copyOf(grid);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
