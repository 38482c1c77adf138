package dev.marquee.batch.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.config.DriftSettings;
import dev.marquee.testkit.BatchSettings;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The comparison of summaries, with reference.conf's levels, on hand-made summaries. */
class DriftCheckTest {
    private static final DriftSettings SETTINGS = BatchSettings.unused().load(BatchConfig::load).drift();
    private static final double[] POPULARITY = {0.3, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.03, 0.02};

    private static SortedMap<String, Long> ratings(long... perStar) {
        SortedMap<String, Long> m = new TreeMap<>();
        for (int i = 0; i < perStar.length; i++) {
            m.put(String.valueOf(i + 1), perStar[i]);
        }
        return m;
    }

    /** Users with 1..4 movies in the ratio 8:4:2:1, times {@code scale}, each count moved up by {@code shift}. */
    private static SortedMap<Long, Long> perUser(long scale, long shift) {
        return new TreeMap<>(Map.of(1 + shift, 8 * scale, 2 + shift, 4 * scale, 3 + shift, 2 * scale, 4 + shift, scale));
    }

    private static RunSummary summary(int run, SortedMap<String, Long> ratings, SortedMap<Long, Long> perUser) {
        return new RunSummary(run, ratings, POPULARITY, 1000, 100, new TreeMap<>(Map.of("accepted", 10_000L,
                "duplicate", 10L)), perUser, new TreeMap<>(Map.of(1L, 300L, 5L, 200L, 30L, 100L)));
    }

    private static Figure figure(DriftReport report, String name) {
        return report.list().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theFirstNightsHaveNoReferenceAndNeverStop() {
        DriftReport first = new DriftCheck(SETTINGS).compare(summary(1, ratings(100, 150, 250, 300, 200), perUser(100, 0)),
                List.of());
        assertEquals(DriftSettings.FIGURES, first.list().stream().map(Figure::name).toList());
        first.list().forEach(f -> {
            assertEquals(Figure.Level.NONE, f.level(), f.name());
            assertEquals("no reference yet", f.note());
            assertTrue(Double.isNaN(f.value()));
        });
        assertEquals("", first.stopReason());
        assertEquals(Map.of("drift_reference_runs", 0.0, "drift_level", -1.0, "new_user_share", 0.1), first.figures());
    }

    @Test
    void allFivesBecomingOnesCrossesTheRatingsStopLevel() {
        List<RunSummary> reference = List.of(summary(2, ratings(100, 150, 250, 300, 200), perUser(100, 0)),
                summary(3, ratings(110, 140, 260, 290, 200), perUser(100, 0)));
        DriftReport shifted = new DriftCheck(SETTINGS).compare(
                summary(4, ratings(300, 150, 250, 300, 0), perUser(100, 0)), reference);
        Figure ratings = figure(shifted, "ratings");
        // Reference shares 210/2000 .. 400/2000; this night's 0.3, 0.15, 0.25, 0.3, 0 (an epsilon).
        double[] r = {210 / 2000.0, 290 / 2000.0, 510 / 2000.0, 590 / 2000.0, 400 / 2000.0};
        double[] c = {0.3, 0.15, 0.25, 0.3, 1e-4};
        double expected = 0;
        for (int i = 0; i < 5; i++) {
            expected += (c[i] - r[i]) * Math.log(c[i] / r[i]);
        }
        assertEquals(expected, ratings.value(), 1e-9);
        assertTrue(ratings.value() > SETTINGS.levels("ratings").stop(), "PSI " + ratings.value());
        assertEquals(Figure.Level.STOP, ratings.level());
        assertEquals(Figure.Level.STOP, shifted.level());
        assertEquals(List.of(2, 3), shifted.referenceRuns());
        assertTrue(shifted.stopReason().contains("ratings PSI"), shifted.stopReason());
        assertTrue(shifted.stopReason().contains("marquee.batch.drift.ratings.stop"), shifted.stopReason());
        assertEquals(2.0, shifted.figures().get("drift_ratings_level"));
        assertEquals(ratings.value(), shifted.figures().get("drift_ratings_psi"));
        assertEquals(List.of(0.3, 0.15, 0.25, 0.3, 0.0), java.util.Arrays.stream(ratings.current()).boxed().toList());
    }

    @Test
    void aNightFromTheSameDistributionStaysUnderWarn() {
        List<RunSummary> reference = List.of(summary(2, ratings(100, 150, 250, 300, 200), perUser(100, 0)));
        DriftReport same = new DriftCheck(SETTINGS).compare(summary(3, ratings(95, 160, 240, 310, 195), perUser(90, 0)),
                reference);
        same.list().forEach(f -> assertEquals(Figure.Level.OK, f.level(), f.name() + " " + f.describe()));
        assertTrue(figure(same, "ratings").value() < SETTINGS.levels("ratings").warn());
        assertEquals(0.0, same.figures().get("drift_interactions_per_user_ks_d"), 1e-12, "the same shares: D = 0");
        assertEquals(0.0, same.figures().get("drift_level"));
        assertEquals("", same.stopReason());
    }

    @Test
    void ksSeesShiftedInteractionsPerUser() {
        List<RunSummary> reference = List.of(summary(2, ratings(100, 150, 250, 300, 200), perUser(100, 0)));
        DriftReport shifted = new DriftCheck(SETTINGS).compare(
                summary(3, ratings(100, 150, 250, 300, 200), perUser(100, 3)), reference);
        Figure ks = figure(shifted, "interactions-per-user");
        // Every user's count moved up by 3: at 3 the reference's ECDF holds 14 of 15 users, this night's none.
        assertEquals(14.0 / 15, ks.value(), 1e-12);
        assertTrue(ks.pValue() < 1e-10, "1500 users against 1500: p " + ks.pValue());
        assertEquals(Figure.Level.STOP, ks.level());
        assertEquals(List.of("1", "2", "3-4", "5-8"), ks.bins());
        assertEquals(ks.pValue(), shifted.figures().get("drift_interactions_per_user_ks_p"));
        assertFalse(shifted.figures().containsKey("drift_interactions_per_user_psi"));
    }

    @Test
    void aSmallNightsChanceDistanceIsNotDrift() {
        List<RunSummary> reference = List.of(summary(2, ratings(100, 150, 250, 300, 200),
                new TreeMap<>(Map.of(1L, 2L, 2L, 1L))));
        DriftReport small = new DriftCheck(SETTINGS).compare(summary(3, ratings(100, 150, 250, 300, 200),
                new TreeMap<>(Map.of(2L, 2L, 3L, 1L))), reference);
        Figure ks = figure(small, "interactions-per-user");
        // At 1 the reference's ECDF is 2/3, this night's 0.
        assertEquals(2.0 / 3, ks.value(), 1e-12);
        assertTrue(ks.value() > SETTINGS.levels("interactions-per-user").stop(), "D " + ks.value());
        assertTrue(ks.pValue() > SETTINGS.ksSignificance(), "3 users against 3: p " + ks.pValue());
        assertEquals(Figure.Level.OK, ks.level(), "D above stop but not significant");
    }

    @Test
    void powerOfTwoBins() {
        assertEquals(List.of("1", "2", "3-4", "5-8", "9-16"), Bins.labels(9));
        assertEquals(0, Bins.of(1));
        assertEquals(2, Bins.of(4));
        assertEquals(3, Bins.of(5));
        assertEquals(List.of(1.0, 1.0, 2.0, 2.0, 2.0), java.util.Arrays.stream(
                Bins.values(new TreeMap<>(Map.of(1L, 2L, 2L, 3L))))
                .boxed().toList());
    }
}
