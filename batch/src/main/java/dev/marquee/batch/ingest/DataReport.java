package dev.marquee.batch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one run found in its records: counts by event kind and by rejection reason, the rejected
 * share, the volume against recent runs, and the verdict. Written beside the lake for every run,
 * also for one that stopped.
 *
 * @param run the run's number
 * @param records records read
 * @param byKind events per kind ({@code rejected} included)
 * @param rejectedByReason rejected lines per reason
 * @param rejectedShare rejected / records
 * @param volumeMedian median records of recent runs, or -1 when there are too few to compare
 * @param verdict {@code accepted}, or why the run stopped
 */
public record DataReport(
        int run,
        long records,
        Map<String, Long> byKind,
        Map<String, Long> rejectedByReason,
        double rejectedShare,
        double volumeMedian,
        String verdict) {

    /** Whether the run may go on to training. */
    public boolean accepted() {
        return ACCEPTED.equals(verdict);
    }

    public static final String ACCEPTED = "accepted";

    /** The same report with another verdict (a later check stopped the run). */
    public DataReport withVerdict(String newVerdict) {
        return new DataReport(run, records, byKind, rejectedByReason, rejectedShare, volumeMedian, newVerdict);
    }

    /** Rejected lines in all. */
    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Writes it as JSON. */
    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            IngestLedger.JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write data report " + file, e);
        }
    }

    /** A few lines for people: the counts as a table and the verdict. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("data report, run %d: %,d records%n", run, records));
        byKind.forEach((k, n) -> sb.append(String.format("  %-28s %,12d  %6.2f%%%n", k, n, 100.0 * n / Math.max(1, records))));
        rejectedByReason.forEach((r, n) -> sb.append(String.format("    rejected: %-18s %,12d%n", r, n)));
        sb.append(String.format("  rejected share %.2f%%", 100 * rejectedShare));
        if (volumeMedian >= 0) {
            sb.append(String.format(", volume %.2fx the median of recent runs (%,.0f)", records / Math.max(1, volumeMedian), volumeMedian));
        }
        return sb.append(String.format("%n  verdict: %s", verdict)).toString();
    }
}
