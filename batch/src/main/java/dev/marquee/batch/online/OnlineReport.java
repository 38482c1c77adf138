package dev.marquee.batch.online;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Online evaluation as of one lake snapshot.
 *
 * @param snapshotRun the last committed run read
 * @param latestEvent the lake's latest event (platform wall time): a window must end by it
 * @param window the hit window (ISO-8601 duration)
 * @param evaluated answers whose window had ended, in {@code rows}
 * @param pending answers whose window had not ended yet: left for a later night
 * @param rows per version, arm and day, sorted by them
 * @param arms per version and arm, counted by users (what an A/B test compares), sorted by them
 */
public record OnlineReport(int snapshotRun, String latestEvent, String window, long evaluated, long pending,
        List<OnlineRow> rows, List<ArmUsers> arms) {

    public OnlineReport {
        rows = rows == null ? List.of() : List.copyOf(rows);
        arms = arms == null ? List.of() : List.copyOf(arms);
    }

    /** A report without per-user arm figures. */
    public OnlineReport(int snapshotRun, String latestEvent, String window, long evaluated, long pending,
            List<OnlineRow> rows) {
        this(snapshotRun, latestEvent, window, evaluated, pending, rows, List.of());
    }

    /** The latest version (by id) whose answers came from more than one arm; null if none. */
    public String latestVersionWithArms() {
        return arms.stream().filter(a -> a.version() != null)
                .collect(java.util.stream.Collectors.groupingBy(ArmUsers::version, TreeMap::new,
                        java.util.stream.Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1).reduce((a, b) -> b).map(Map.Entry::getKey).orElse(null);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the report as JSON, replacing the file atomically. */
    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".online-", ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the online evaluation " + file, e);
        }
    }

    /** Reads a report {@link #write} wrote. */
    public static OnlineReport read(Path file) {
        try {
            return JSON.readValue(file.toFile(), OnlineReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the online evaluation " + file, e);
        }
    }

    /** For the manifest's lineage: the totals, and per version and arm the figures over every day. */
    public Map<String, Object> lineage() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("snapshotRun", snapshotRun);
        m.put("latestEvent", latestEvent);
        m.put("window", window);
        m.put("evaluated", evaluated);
        m.put("pending", pending);
        Map<String, Object> series = new TreeMap<>();
        for (Map.Entry<String, long[]> e : totals().entrySet()) {
            long[] t = e.getValue();
            series.put(e.getKey(), Map.of("answers", t[0], "answered", t[1], "hits", t[2],
                    "hitRate", t[1] == 0 ? 0.0 : (double) t[2] / t[1], "minutesWatched", t[3]));
        }
        m.put("perVersionAndArm", series);
        m.put("rows", rows);
        return m;
    }

    /** Per {@code version/arm}: answers, answered, hits, minutes over every day. */
    public Map<String, long[]> totals() {
        Map<String, long[]> out = new TreeMap<>();
        for (OnlineRow r : rows) {
            long[] t = out.computeIfAbsent(r.series(), k -> new long[4]);
            t[0] += r.answers();
            t[1] += r.answered();
            t[2] += r.hits();
            t[3] += r.minutesWatched();
        }
        return out;
    }

    /** The report as text: a header, then a table per version and arm, one line per day. */
    public String format() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "online evaluation as of lake run %d (latest event %s, window %s): %d answers evaluated, %d pending%s%n",
                snapshotRun, latestEvent, window, evaluated, pending,
                pending == 0 ? "" : " (their window has not ended yet: a later night evaluates them)"));
        if (rows.isEmpty()) {
            return s.append("no answers to evaluate yet").append(System.lineSeparator()).toString();
        }
        Map<String, List<OnlineRow>> bySeries = new TreeMap<>();
        rows.forEach(r -> bySeries.computeIfAbsent(r.series(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<OnlineRow>> e : bySeries.entrySet()) {
            long[] t = totals().get(e.getKey());
            s.append(String.format(Locale.ROOT, "%nversion/arm %s: %d answers, hit rate %.4f, %d minutes watched%n",
                    e.getKey(), t[0], t[1] == 0 ? Double.NaN : (double) t[2] / t[1], t[3]));
            s.append(String.format(Locale.ROOT, "  %-10s %8s %7s %8s %8s %9s %8s %9s %8s %8s%n", "day", "answers",
                    "users", "hit rate", "1st hit", "minutes", "cold", "p50 ms", "p99 ms", "non-200"));
            for (OnlineRow r : e.getValue()) {
                s.append(String.format(Locale.ROOT, "  %-10s %8d %7d %8.4f %8.2f %9d %8.4f %9.2f %8.2f %8.4f%n", r.day(),
                        r.answers(), r.users(), r.hitRate(), r.meanFirstHit(), r.minutesWatched(), r.coldStartShare(),
                        r.latencyP50(), r.latencyP99(), r.non200Share()));
            }
        }
        return s.toString();
    }
}
