package dev.marquee.batch.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run's drift against its reference. Written as {@code lake/_reports/run-N-drift.json}, kept in
 * the version's lineage ({@code drift}) and, as {@link #figures()}, in the job's result.
 *
 * @param run the run's number
 * @param referenceRuns the committed runs whose summaries form the reference (empty: none yet)
 * @param newUserShare this run's share of new users among its active users
 * @param list the figures, in {@link dev.marquee.batch.config.DriftSettings#FIGURES} order
 */
public record DriftReport(int run, List<Integer> referenceRuns, double newUserShare, List<Figure> list) {

    /** The highest level any figure reached. */
    public Figure.Level level() {
        return list.stream().map(Figure::level).max(Enum::compareTo).orElse(Figure.Level.NONE);
    }

    /** The figures that reached stop, as one sentence, or empty. */
    public String stopReason() {
        return list.stream().filter(f -> f.level() == Figure.Level.STOP)
                .map(f -> f.name() + " " + f.describe() + " reached its stop level (marquee.batch.drift." + f.name() + ".stop)")
                .collect(Collectors.joining("; ", list.stream().anyMatch(f -> f.level() == Figure.Level.STOP)
                        ? "the data drifted from the last " + referenceRuns.size() + " runs: " : "", ""));
    }

    /**
     * The named figures for a metrics system (docs/drift.md): {@code drift_<figure>_psi} or
     * {@code drift_<figure>_ks_d} and {@code drift_<figure>_ks_p}, and {@code drift_<figure>_level}
     * (0 ok, 1 warn, 2 stop) for each figure that had a reference; {@code drift_reference_runs},
     * {@code drift_level} (-1 when nothing was compared) and {@code new_user_share} always.
     */
    public Map<String, Double> figures() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Figure f : list) {
            if (f.level() == Figure.Level.NONE) {
                continue;
            }
            String base = "drift_" + f.name().replace('-', '_');
            if ("psi".equals(f.statistic())) {
                m.put(base + "_psi", f.value());
            } else {
                m.put(base + "_ks_d", f.value());
                m.put(base + "_ks_p", f.pValue());
            }
            m.put(base + "_level", (double) (f.level().ordinal() - 1));
        }
        m.put("drift_reference_runs", (double) referenceRuns.size());
        m.put("drift_level", (double) (level().ordinal() - 1));
        m.put("new_user_share", newUserShare);
        return m;
    }

    /** A few lines for people. */
    public String format() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "drift, run %d against runs %s:%n", run,
                referenceRuns.isEmpty() ? "none (no reference yet: nothing compared)" : referenceRuns));
        for (Figure f : list) {
            sb.append(String.format(Locale.ROOT, "  %-22s %-34s %s%n", f.name(), f.describe(), f.level()));
        }
        return sb.append("  level: ").append(level()).toString();
    }
}
