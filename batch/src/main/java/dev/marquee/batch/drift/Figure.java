package dev.marquee.batch.drift;

import java.util.List;

/**
 * One drift figure of a run: its statistic against the reference, the level it reached, and both
 * distributions as shares over the same bins (for the report's side-by-side chart).
 *
 * @param name the figure's name, as its levels' key in reference.conf ({@code ratings}, ...)
 * @param statistic {@code psi} or {@code ks}
 * @param value the PSI, or the KS statistic D; NaN when there is nothing to compare
 * @param pValue the KS test's p-value; NaN for PSI
 * @param level the level reached
 * @param note why there is no value, or empty
 * @param bins the bins' labels
 * @param current this run's share per bin
 * @param reference the reference's share per bin (empty without a reference)
 */
public record Figure(
        String name,
        String statistic,
        double value,
        double pValue,
        Level level,
        String note,
        List<String> bins,
        double[] current,
        double[] reference) {

    /** What a figure's statistic reached. */
    public enum Level {
        /** Nothing to compare: no reference yet, or no such data in the run. */
        NONE,
        /** Below warn. */
        OK,
        /** At or above warn: logged, reported, counted. */
        WARN,
        /** At or above stop: the run stops before training. */
        STOP
    }

    /** A figure without a statistic, and why. */
    static Figure none(String name, String statistic, String note, List<String> bins, double[] current) {
        return new Figure(name, statistic, Double.NaN, Double.NaN, Level.NONE, note, bins, current, new double[0]);
    }

    /** The statistic as text, e.g. {@code PSI 0.0123} or {@code KS D 0.4000 (p 1.2e-05)}. */
    public String describe() {
        if (level == Level.NONE) {
            return statistic.toUpperCase(java.util.Locale.ROOT) + " - (" + note + ")";
        }
        return "psi".equals(statistic) ? String.format(java.util.Locale.ROOT, "PSI %.4f", value)
                : String.format(java.util.Locale.ROOT, "KS D %.4f (p %.2g)", value, pValue);
    }
}
