package dev.marquee.batch.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model's grid: the cartesian product of its axes, the first varying slowest. */
class SettingTest {

    private static Map<String, String> axes(String... keyThenName) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyThenName.length; i += 2) {
            m.put(keyThenName[i], keyThenName[i + 1]);
        }
        return m;
    }

    private static Setting point(Object... nameThenValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValue.length; i += 2) {
            m.put((String) nameThenValue[i], ((Number) nameThenValue[i + 1]).doubleValue());
        }
        return new Setting(m);
    }

    @Test
    void gridIsTheCartesianProductFirstAxisSlowest() {
        Config section = ConfigFactory.parseString("rank = [8, 16]\nreg-param = [0.1, 1, 10]\nalpha = 5");
        List<Setting> grid = Setting.grid(section, axes("rank", "rank", "reg-param", "regParam", "alpha", "alpha"));
        assertEquals(List.of(
                point("rank", 8, "regParam", 0.1, "alpha", 5),
                point("rank", 8, "regParam", 1, "alpha", 5),
                point("rank", 8, "regParam", 10, "alpha", 5),
                point("rank", 16, "regParam", 0.1, "alpha", 5),
                point("rank", 16, "regParam", 1, "alpha", 5),
                point("rank", 16, "regParam", 10, "alpha", 5)), grid);
        // the keys keep the axes' order (the manifest's lineage shows them so)
        assertEquals(List.of("rank", "regParam", "alpha"), List.copyOf(grid.get(0).values().keySet()));
    }

    @Test
    void axesOrderDecidesWhichVariesSlowest() {
        Config section = ConfigFactory.parseString("a = [1, 2]\nb = [3, 4]");
        List<Setting> grid = Setting.grid(section, axes("b", "b", "a", "a"));
        assertEquals(List.of(point("b", 3, "a", 1), point("b", 3, "a", 2), point("b", 4, "a", 1),
                point("b", 4, "a", 2)), grid);
    }

    @Test
    void scalarKeyIsAOnePointAxis() {
        Config section = ConfigFactory.parseString("half-life-days = 7");
        List<Setting> grid = Setting.grid(section, axes("half-life-days", "halfLifeDays"));
        assertEquals(List.of(point("halfLifeDays", 7)), grid);
        Config list = ConfigFactory.parseString("half-life-days = [7]");
        assertEquals(grid, Setting.grid(list, axes("half-life-days", "halfLifeDays")));
    }

    @Test
    void noAxesIsTheSingleEmptySetting() {
        assertEquals(List.of(Setting.none()), Setting.grid(ConfigFactory.empty(), Map.of()));
    }

    @Test
    void emptyListIsRejected() {
        Config section = ConfigFactory.parseString("lambda = []");
        assertThrows(IllegalArgumentException.class, () -> Setting.grid(section, axes("lambda", "lambda")));
    }

    @Test
    void getAndGetInt() {
        Setting s = point("rank", 63.6, "shrink", 0.4, "n", 2.5);
        assertEquals(63.6, s.get("rank"), 0);
        assertEquals(64, s.getInt("rank"));
        assertEquals(0, s.getInt("shrink"));
        assertEquals(3, s.getInt("n")); // Math.round: half up
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.get("alpha"));
        assertEquals(true, e.getMessage().contains("alpha"));
        assertThrows(IllegalArgumentException.class, () -> Setting.none().getInt("rank"));
    }

    @Test
    void valuesCannotBeChangedAfterwards() {
        Map<String, Double> m = new LinkedHashMap<>(Map.of("rank", 8.0));
        Setting s = new Setting(m);
        m.put("rank", 16.0);
        assertEquals(8.0, s.get("rank"), 0);
        assertThrows(UnsupportedOperationException.class, () -> s.values().put("rank", 1.0));
    }
}
