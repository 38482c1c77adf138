package dev.marquee.batch.ab;

import dev.marquee.batch.metrics.NightFigures;
import dev.marquee.batch.online.OnlineReport;
import java.util.List;
import java.util.Map;

/**
 * The A/B test as of an online evaluation: the arms of the latest version that answered from more
 * than one arm, compared by their users' hit rates ({@link ArmComparison}).
 */
public final class AbTest {
    /** The arm every other is compared with. */
    public static final String MAIN = "main";

    private AbTest() {}

    /**
     * The comparison for {@code version} (null: the report's latest version with arms); empty when
     * that version answered from one arm only.
     */
    public static List<ArmComparison.Row> of(OnlineReport report, String version, double confidence) {
        String v = version != null ? version : report.latestVersionWithArms();
        List<ArmComparison.ArmRate> arms = report.arms().stream().filter(a -> a.version() != null && a.version().equals(v))
                .map(a -> new ArmComparison.ArmRate(a.arm(), a.users(), a.usersHit())).toList();
        return arms.size() < 2 ? List.of() : ArmComparison.compare(arms, MAIN, confidence);
    }

    /**
     * Records the night's online figures for Prometheus: each version's and arm's hit rate over
     * every evaluated day, and the latest A/B test's intervals (95%).
     */
    public static void record(OnlineReport report, NightFigures figures) {
        for (Map.Entry<String, long[]> e : report.totals().entrySet()) {
            long[] t = e.getValue();
            if (t[1] == 0) {
                continue;
            }
            String[] versionArm = e.getKey().split("/", 2);
            figures.onlineHitRate(versionArm[0], versionArm[1], (double) t[2] / t[1], t[0]);
        }
        for (ArmComparison.Row r : of(report, null, 0.95)) {
            figures.abHitRateInterval(r.arm().arm(), r.low(), r.high());
        }
    }
}
