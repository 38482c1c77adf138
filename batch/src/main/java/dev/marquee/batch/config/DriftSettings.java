package dev.marquee.batch.config;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each night's data is compared with the previous nights' (see reference.conf,
 * {@code marquee.batch.drift}).
 *
 * @param enabled whether the comparison runs at all
 * @param referenceRuns how many of the latest committed runs form the reference
 * @param backfillRuns the lake's first this many runs are never part of a reference (they read
 *     the topic's whole retained history, not one night)
 * @param sampleSize at most this many users and sessions per run are kept for the KS tests
 * @param psiEpsilon the share an empty bin is given in the population stability index
 * @param ksSignificance a KS statistic reaches a level only if its p-value is below this
 * @param levels per figure name, its warn and stop levels
 */
public record DriftSettings(
        boolean enabled,
        int referenceRuns,
        int backfillRuns,
        int sampleSize,
        double psiEpsilon,
        double ksSignificance,
        Map<String, Levels> levels) {

    /** The figures with levels, as named in reference.conf and in the drift report. */
    public static final List<String> FIGURES = List.of("ratings", "popularity", "new-users", "reject-reasons",
            "interactions-per-user", "session-minutes");

    /**
     * A figure's two levels.
     *
     * @param warn at or above it: logged, reported, counted
     * @param stop at or above it: the run stops before training (exit 2)
     */
    public record Levels(double warn, double stop) {
        public Levels {
            BatchConfig.require(warn > 0 && stop >= warn, "drift levels need 0 < warn <= stop: " + warn + ", " + stop);
        }
    }

    public DriftSettings {
        BatchConfig.require(referenceRuns >= 1, "drift.reference-runs must be >= 1");
        BatchConfig.require(backfillRuns >= 0, "drift.backfill-runs must be >= 0");
        BatchConfig.require(sampleSize >= 100, "drift.sample-size must be >= 100");
        BatchConfig.require(psiEpsilon > 0 && psiEpsilon < 0.01, "drift.psi-epsilon must be in (0, 0.01)");
        BatchConfig.require(ksSignificance > 0 && ksSignificance <= 1, "drift.ks-significance must be in (0, 1]");
        BatchConfig.require(levels.keySet().containsAll(FIGURES), "drift needs levels for " + FIGURES);
        levels = Map.copyOf(levels);
    }

    /** The levels of one figure. */
    public Levels levels(String figure) {
        return levels.get(figure);
    }

    static DriftSettings load(Config c) {
        Map<String, Levels> levels = new LinkedHashMap<>();
        for (String f : FIGURES) {
            levels.put(f, new Levels(c.getDouble(f + ".warn"), c.getDouble(f + ".stop")));
        }
        return new DriftSettings(c.getBoolean("enabled"), c.getInt("reference-runs"), c.getInt("backfill-runs"),
                c.getInt("sample-size"), c.getDouble("psi-epsilon"), c.getDouble("ks-significance"), levels);
    }

    /** The settings as plain values, for the lineage. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled);
        m.put("referenceRuns", referenceRuns);
        m.put("backfillRuns", backfillRuns);
        m.put("sampleSize", sampleSize);
        m.put("psiEpsilon", psiEpsilon);
        m.put("ksSignificance", ksSignificance);
        Map<String, Object> l = new LinkedHashMap<>();
        FIGURES.forEach(f -> l.put(f, Map.of("warn", levels(f).warn(), "stop", levels(f).stop())));
        m.put("levels", l);
        return m;
    }
}
