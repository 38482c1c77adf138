package dev.marquee.batch.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which grids a night searches and which settings it carries (eval.grids-per-night). */
class RetuningTest {
    private static final Setting A1 = new Setting(Map.of("x", 1.0));
    private static final Setting A2 = new Setting(Map.of("x", 2.0));
    private static final Setting B1 = new Setting(Map.of("y", 10.0, "z", 0.5));
    private static final Setting B2 = new Setting(Map.of("y", 20.0, "z", 0.5));

    private static Map<String, List<Setting>> grids() {
        Map<String, List<Setting>> g = new LinkedHashMap<>();
        g.put("a", List.of(A1, A2));
        g.put("b", List.of(B1, B2));
        g.put("c", List.of(A1, A2));
        return g;
    }

    private static TuningPoint chosen(String model, Setting s, String searched) {
        return TuningPoint.searched(model, s, 0.1, searched).asChosen();
    }

    @Test
    void aFirstNightSearchesEveryGrid() {
        assertEquals(Set.of("a", "b", "c"), new Retuning(Map.of(), 1).searchTonight(grids()));
    }

    @Test
    void withEverySettingCarriedOnlyTheGridSearchedLongestAgoIsSearched() {
        Retuning r = new Retuning(Map.of("a", chosen("a", A2, "2025-03-02T23:59"), "b", chosen("b", B1, "2025-03-01T23:59"),
                "c", chosen("c", A1, "2025-03-03T23:59")), 1);
        assertEquals(Set.of("b"), r.searchTonight(grids()));
        assertEquals(A2, r.carried("a", grids().get("a")).orElseThrow().setting());
        assertEquals(Set.of("b", "a"), new Retuning(Map.of("a", chosen("a", A2, "2025-03-02T23:59"),
                "b", chosen("b", B1, "2025-03-01T23:59"), "c", chosen("c", A1, "2025-03-03T23:59")), 2).searchTonight(grids()));
    }

    @Test
    void tiesGoInTheCandidatesOrderAndZeroMeansEveryGrid() {
        Map<String, TuningPoint> same = Map.of("a", chosen("a", A1, "2025-03-01T23:59"), "b", chosen("b", B1, "2025-03-01T23:59"),
                "c", chosen("c", A1, "2025-03-01T23:59"));
        assertEquals(Set.of("a"), new Retuning(same, 1).searchTonight(grids()));
        assertEquals(Set.of("a", "b", "c"), new Retuning(same, 0).searchTonight(grids()));
        assertEquals(Set.of("a", "b", "c"), Retuning.everyGrid().searchTonight(grids()));
    }

    @Test
    void aSettingThatLeftItsGridOrAModelNewToTheNightIsSearchedEvenBeyondTheLimit() {
        Setting gone = new Setting(Map.of("y", 5.0, "z", 0.5));
        Retuning r = new Retuning(Map.of("a", chosen("a", A1, "2025-03-01T23:59"), "b", chosen("b", gone, "2025-03-02T23:59")), 1);
        assertFalse(r.carried("b", grids().get("b")).isPresent());
        // b's setting left its grid and c has none: both search although the limit is one; a keeps its setting.
        assertEquals(Set.of("b", "c"), r.searchTonight(grids()));
        assertTrue(r.carried("a", grids().get("a")).isPresent());
    }

    @Test
    void theChosenPointsAreReadBackFromALineageAsTheManifestWritesIt() throws Exception {
        List<TuningPoint> tonight = List.of(TuningPoint.searched("a", A1, 0.05, "2025-03-01T23:59:59.143"),
                chosen("a", A2, "2025-03-01T23:59:59.143"), chosen("b", B2, "2025-02-20T23:59").carriedWith(Double.NaN));
        ObjectMapper json = new ObjectMapper();
        Object lineage = json.readValue(json.writeValueAsString(tonight), List.class);
        Map<String, TuningPoint> read = Retuning.chosen(lineage);
        assertEquals(Set.of("a", "b"), read.keySet());
        assertEquals(A2, read.get("a").setting());
        assertEquals("2025-03-01T23:59:59.143", read.get("a").searched());
        assertFalse(read.get("a").carried());
        assertEquals(B2, read.get("b").setting());
        assertTrue(read.get("b").carried());
        assertEquals("2025-02-20T23:59", read.get("b").searched(), "a carried setting keeps the night its grid was searched");
        assertTrue(Double.isNaN(read.get("b").ndcg()));
        assertTrue(Retuning.chosen("not a list").isEmpty());
    }
}
