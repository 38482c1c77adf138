package dev.marquee.batch.metrics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The figures one nightly run pushes to Prometheus (through a {@link Pushgateway}), each a gauge with
 * optional labels; rendered as Prometheus text format 0.0.4 by {@link #text()}. The run fills in its
 * own figures as it goes (rows, NDCG, outcome, duration), so a night that stops early still pushes
 * what it knew. Later phases add theirs through the named hooks ({@link #onlineHitRate},
 * {@link #driftStatistic}, {@link #abHitRateInterval}) or, for a new figure, {@link #set}; every name
 * is listed in docs/metrics.md. Thread-safe.
 */
public final class NightFigures {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** A metric: its help text and its value per label set (labels in name order). */
    private record Family(String help, Map<Map<String, String>, Double> samples) {}

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** Sets gauge {@code name} (no labels) to {@code value}; {@code help} documents it in the text. */
    public NightFigures set(String name, String help, double value) {
        return set(name, help, Map.of(), value);
    }

    /** Sets gauge {@code name} with {@code labels} to {@code value}, replacing a value of the same labels. */
    public synchronized NightFigures set(String name, String help, Map<String, String> labels, double value) {
        if (!NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("not a Prometheus metric name: " + name);
        }
        for (String label : labels.keySet()) {
            if (!LABEL.matcher(label).matches() || label.startsWith("__") || label.equals("job")) {
                throw new IllegalArgumentException("not a label name a night may push: " + label);
            }
        }
        families.computeIfAbsent(name, n -> new Family(help, new LinkedHashMap<>()))
                .samples().put(new TreeMap<>(labels), value);
        return this;
    }

    /** The value of {@code name} with {@code labels}, or null if it was never set. */
    public synchronized Double get(String name, Map<String, String> labels) {
        Family f = families.get(name);
        return f == null ? null : f.samples().get(new TreeMap<>(labels));
    }

    /** The value of {@code name} without labels, or null. */
    public Double get(String name) {
        return get(name, Map.of());
    }

    /** The names set so far, in the order first set. */
    public synchronized List<String> names() {
        return List.copyOf(families.keySet());
    }

    // ---- the nightly job's own figures ----

    /**
     * The ingest phase's rows: log records read this night ({@code ingested}, the rejected included),
     * rejected in all, and rejected per reason.
     */
    public NightFigures rows(long ingested, long rejected, Map<String, Long> rejectedByReason) {
        set("marquee_batch_rows_ingested", "log records the night read from the topic (the rejected included)",
                ingested);
        set("marquee_batch_rows_rejected", "log records the night rejected (quarantined)", rejected);
        rejectedByReason.forEach((reason, n) -> set("marquee_batch_rows_rejected_by_reason",
                "log records the night rejected, per reason", Map.of("reason", reason), n));
        return this;
    }

    /** The NDCG of the night's best candidate on the test window (published or not). */
    public NightFigures candidateNdcg(double ndcg) {
        return set("marquee_batch_candidate_ndcg", "NDCG@K on the test window of the night's best candidate", ndcg);
    }

    /** The night published {@code versionId} (number only, as in serving's marquee_store_version). */
    public NightFigures published(String versionId, double ndcg) {
        set("marquee_batch_published_ndcg", "NDCG@K on the test window of the model the night published", ndcg);
        return set("marquee_batch_published_version", "number of the store version the night published",
                versionNumber(versionId));
    }

    /**
     * How the night ended: its exit code (0 published, 1 failed, 2 stopped by data, 3 refused by the
     * gate), whether it published, its wall time and when it finished.
     */
    public NightFigures outcome(int exitCode, boolean published, double durationSeconds, Instant finished) {
        set("marquee_batch_exit_code", "the nightly run's exit code (0 published, 1 failed, 2 stopped by data, "
                + "3 refused by the quality gate)", exitCode);
        set("marquee_batch_published", "1 if the night published a new version, 0 if not", published ? 1 : 0);
        set("marquee_batch_run_duration_seconds", "wall time of the nightly run", durationSeconds);
        return set("marquee_batch_finished_timestamp_seconds", "when the nightly run ended, Unix seconds",
                finished.toEpochMilli() / 1000.0);
    }

    // ---- hooks for the figures of online evaluation, drift monitoring and A/B tests ----

    /**
     * Online evaluation of one store version's answers from one arm on the evaluated day: the share of
     * {@code answers} after which the user started a recommended movie within the window.
     */
    public NightFigures onlineHitRate(String version, String arm, double hitRate, long answers) {
        Map<String, String> labels = Map.of("version", version, "arm", arm);
        set("marquee_online_hit_rate", "share of answers followed by a hit within the window, per version and arm",
                labels, hitRate);
        return set("marquee_online_answers", "answers evaluated online, per version and arm", labels, answers);
    }

    /** A drift figure's statistic against the previous nights ({@code statistic}: psi or ks). */
    public NightFigures driftStatistic(String figure, String statistic, double value) {
        return set("marquee_drift_statistic", "drift of a figure of tonight's data against the previous nights",
                Map.of("figure", figure, "statistic", statistic), value);
    }

    /** An A/B arm's online hit rate confidence interval (95 %). */
    public NightFigures abHitRateInterval(String arm, double low, double high) {
        String help = "bounds of an arm's online hit rate, 95% confidence interval";
        set("marquee_online_hit_rate_interval", help, Map.of("arm", arm, "bound", "low"), low);
        return set("marquee_online_hit_rate_interval", help, Map.of("arm", arm, "bound", "high"), high);
    }

    /** Every figure in Prometheus text format 0.0.4, each a gauge. */
    public synchronized String text() {
        StringBuilder sb = new StringBuilder();
        families.forEach((name, f) -> {
            sb.append("# HELP ").append(name).append(' ').append(f.help().replace("\\", "\\\\").replace("\n", "\\n"))
                    .append('\n');
            sb.append("# TYPE ").append(name).append(" gauge\n");
            f.samples().forEach((labels, value) -> {
                sb.append(name);
                if (!labels.isEmpty()) {
                    sb.append('{');
                    boolean first = true;
                    for (Map.Entry<String, String> l : labels.entrySet()) {
                        sb.append(first ? "" : ",").append(l.getKey()).append("=\"").append(l.getValue()
                                .replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
                        first = false;
                    }
                    sb.append('}');
                }
                sb.append(' ').append(format(value)).append('\n');
            });
        });
        return sb.toString();
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The digits of a version id ({@code v000042} -> 42), NaN if none. */
    static double versionNumber(String versionId) {
        String digits = versionId.replaceAll("[^0-9]", "");
        return digits.isEmpty() || digits.length() > 15 ? Double.NaN : Long.parseLong(digits);
    }
}
