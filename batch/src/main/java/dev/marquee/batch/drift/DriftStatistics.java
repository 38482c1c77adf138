package dev.marquee.batch.drift;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/** The two statistics drift is measured with. */
public final class DriftStatistics {
    private DriftStatistics() {}

    /**
     * A two-sample Kolmogorov-Smirnov test.
     *
     * @param d the largest distance between the two empirical distribution functions, in [0, 1]
     * @param p the p-value of the hypothesis that both samples come from one distribution
     */
    public record Ks(double d, double p) {}

    /**
     * The population stability index of {@code current} against {@code reference}: the sum over
     * bins of {@code (c - r) * ln(c / r)} over the shares of each (counts are normalised here), an
     * empty bin's share taken as {@code epsilon}. 0 for the same shares, symmetric, never negative.
     */
    public static double psi(double[] reference, double[] current, double epsilon) {
        if (reference.length != current.length) {
            throw new IllegalArgumentException("bins differ: " + reference.length + " vs " + current.length);
        }
        double[] r = shares(reference);
        double[] c = shares(current);
        double psi = 0;
        for (int i = 0; i < r.length; i++) {
            double ri = Math.max(r[i], epsilon);
            double ci = Math.max(c[i], epsilon);
            psi += (ci - ri) * Math.log(ci / ri);
        }
        return psi;
    }

    /** Each value's share of the sum (all 0 for an empty or all-zero array). */
    public static double[] shares(double[] counts) {
        double sum = 0;
        for (double v : counts) {
            sum += v;
        }
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = sum == 0 ? 0 : counts[i] / sum;
        }
        return out;
    }

    /**
     * commons-math3's two-sample test: D exactly; p = P(D >= d) (not its default strict P(D > d), which
     * is 0 for samples that do not overlap), exact for small samples (ties broken by its fixed seeded
     * jitter, so the same samples give the same p), else from the asymptotic distribution.
     */
    public static Ks ks(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("a KS test needs two non-empty samples");
        }
        KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
        return new Ks(test.kolmogorovSmirnovStatistic(a, b), test.kolmogorovSmirnovTest(a, b, false));
    }
}
