package dev.marquee.batch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Where the lake keeps what:
 * <pre>
 * root/events/run=000001/date=2025-01-01/part-*.parquet   accepted events of run 1
 * root/quarantine/run=000001/part-*.parquet               rejected lines of run 1, with reason
 * root/_ledger/run-000001.json                            run 1's commit: offsets, counts, paths
 * root/_reports/run-000001.json                           run 1's data report (also when it stopped)
 * root/answers/run=000001/date=2025-01-01/part-*.parquet  the service's answer records of run 1
 * root/answers-quarantine/run=000001/part-*.parquet       rejected answer records of run 1, with reason
 * root/online/run-000001.json                             online evaluation as of run 1's snapshot
 * root/_reports/run-000001-drift.json, -data.html         its drift report and data report page (package drift)
 * root/_drift/run-000001.json                             run 1's drift summary (package drift's DriftSummaries)
 * </pre>
 *
 * @param root the lake's root folder
 */
public record LakeLayout(Path root) {

    /** Parent of every run's events (Spark's basePath for partition discovery). */
    public Path events() {
        return root.resolve("events");
    }

    /** One run's events. */
    public Path events(int run) {
        return events().resolve("run=" + id(run));
    }

    /** One run's quarantined lines. */
    public Path quarantine(int run) {
        return root.resolve("quarantine").resolve("run=" + id(run));
    }

    /** Parent of every run's answer records. */
    public Path answers() {
        return root.resolve("answers");
    }

    /** One run's answer records. */
    public Path answers(int run) {
        return answers().resolve("run=" + id(run));
    }

    /** One run's rejected answer records. */
    public Path answersQuarantine(int run) {
        return root.resolve("answers-quarantine").resolve("run=" + id(run));
    }

    /** Online evaluation as of a run's snapshot. */
    public Path online(int run) {
        return root.resolve("online").resolve("run-" + id(run) + ".json");
    }

    /** The commit ledger. */
    public Path ledger() {
        return root.resolve("_ledger");
    }

    /** One run's data report. */
    public Path report(int run) {
        return root.resolve("_reports").resolve("run-" + id(run) + ".json");
    }

    /** A run number as the six digits used in paths. */
    public static String id(int run) {
        return String.format("%06d", run);
    }

    /**
     * How the lake writes its event rows, with {@code Overwrite}: the columns whose values hardly ever repeat
     * within a file (the offset, the time) in plain Parquet encoding. Parquet would build a
     * dictionary for them, find it too big and throw it away: a hash lookup per value for nothing (see
     * docs/benchmarks.md, ingestion in one pass). The columns that repeat (kind, user, movie, ...) keep theirs.
     */
    static DataFrameWriter<Row> writer(Dataset<Row> rows) {
        DataFrameWriter<Row> writer = rows.write().mode(SaveMode.Overwrite);
        for (String column : PLAIN_COLUMNS) {
            writer = writer.option("parquet.enable.dictionary#" + column, "false");
        }
        return writer;
    }

    /** The event columns written without a dictionary ({@link #writer}). */
    static final java.util.List<String> PLAIN_COLUMNS = java.util.List.of("offset", "time");

    /** Deletes {@code root} and everything under it, if it exists (a run's folder the lake gives up). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
