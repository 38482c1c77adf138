package dev.marquee.batch.ab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Compares arms by the share of their users who took a recommended movie (an online hit): the
 * user is the unit the split randomises, so each user counts once whatever its number of answers.
 * Each rate gets a Wilson score interval; each arm is compared with {@code main} by a two-sided
 * two-proportion z-test (pooled variance).
 */
public final class ArmComparison {
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private ArmComparison() {}

    /**
     * One arm's users and how many of them hit.
     *
     * @param arm its name
     * @param users users answered by the arm (whose window has ended)
     * @param hits of those, users who started or rated a recommended movie in the window
     */
    public record ArmRate(String arm, long users, long hits) {
        public ArmRate {
            if (users < 0 || hits < 0 || hits > users) {
                throw new IllegalArgumentException("arm " + arm + ": " + hits + " hits of " + users + " users");
            }
        }

        /** The hit rate (NaN without users). */
        public double rate() {
            return users == 0 ? Double.NaN : (double) hits / users;
        }
    }

    /**
     * An arm against the main lists.
     *
     * @param arm the arm and its counts
     * @param low lower end of the rate's interval
     * @param high upper end
     * @param difference its rate minus main's
     * @param pValue two-sided p-value of "same rate as main" (NaN for main itself or without users)
     * @param significant whether {@code pValue < alpha}
     */
    public record Row(ArmRate arm, double low, double high, double difference, double pValue, boolean significant) {}

    /** Every arm with its interval at {@code confidence} and its test against {@code main} at 1 - confidence. */
    public static List<Row> compare(List<ArmRate> arms, String main, double confidence) {
        double z = NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
        ArmRate base = arms.stream().filter(a -> a.arm().equals(main)).findFirst().orElse(null);
        List<Row> rows = new ArrayList<>();
        for (ArmRate a : arms) {
            double[] ci = wilson(a.hits(), a.users(), z);
            boolean isBase = base == null || a == base;
            double p = isBase ? Double.NaN : pValue(a, base);
            rows.add(new Row(a, ci[0], ci[1], isBase ? 0 : a.rate() - base.rate(), p, !Double.isNaN(p) && p < 1 - confidence));
        }
        return rows;
    }

    /** Wilson score interval of {@code hits / n} for the normal quantile {@code z}. */
    static double[] wilson(long hits, long n, double z) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double p = (double) hits / n;
        double z2 = z * z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** Two-sided p-value of the pooled two-proportion z-test. */
    static double pValue(ArmRate a, ArmRate b) {
        if (a.users() == 0 || b.users() == 0) {
            return Double.NaN;
        }
        double pooled = (double) (a.hits() + b.hits()) / (a.users() + b.users());
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / a.users() + 1.0 / b.users()));
        if (se == 0) {
            return a.rate() == b.rate() ? 1 : 0;
        }
        double zStat = (a.rate() - b.rate()) / se;
        return 2 * (1 - NORMAL.cumulativeProbability(Math.abs(zStat)));
    }

    /** The rows as a table for a terminal. */
    public static String table(List<Row> rows, double confidence) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-12s %9s %8s %9s  %-21s %9s %8s %s%n", "arm",
                "users", "hits", "hit rate", (int) Math.round(confidence * 100) + "% interval", "vs main", "p", ""));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-12s %9d %8d %9.4f  [%.4f, %.4f]      %+9.4f %8s %s%n", r.arm().arm(),
                    r.arm().users(), r.arm().hits(), r.arm().rate(), r.low(), r.high(), r.difference(),
                    Double.isNaN(r.pValue()) ? "-" : String.format(Locale.ROOT, "%.4f", r.pValue()),
                    Double.isNaN(r.pValue()) ? "" : r.significant() ? "significant" : "not significant"));
        }
        return out.toString();
    }
}
