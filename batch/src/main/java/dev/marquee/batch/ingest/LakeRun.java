package dev.marquee.batch.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mends a run's events as first written: the rows that must not stay (the later copies of duplicate
 * events, the events of users who asked to be forgotten) are dropped by rewriting only the dates
 * that hold one, each date's folder swapped for its rewritten one. Usually nothing is rewritten.
 */
final class LakeRun {
    private static final Logger LOG = LoggerFactory.getLogger(LakeRun.class);
    /** The folder name Spark gives the rows without a date: the run's rejected lines. */
    static final String NO_DATE = "__HIVE_DEFAULT_PARTITION__";
    /** At most this many rows to drop are broadcast to the rewrite; more are joined by shuffle. */
    private static final long BROADCAST_ROWS = 2_000_000;

    private LakeRun() {}

    /**
     * Drops {@code later} (rows with {@code partition, offset, date}) and the events of the
     * {@code forgotten} users from run {@code run}'s written events (its rejected lines already moved
     * out). Returns how many rows were dropped.
     */
    static long dropFromDates(SparkSession spark, LakeLayout lake, int run, Dataset<Row> later, List<Long> forgotten) {
        if (!hasDates(lake.events(run))) {
            return 0; // every record of the run was rejected: no event to drop
        }
        Dataset<Row> accepted = spark.read().parquet(lake.events(run).toString());
        Dataset<Row> drop = later.select("partition", "offset", "date");
        if (!forgotten.isEmpty()) {
            drop = drop.union(accepted.filter(col("user").isin(forgotten.toArray())).select("partition", "offset", "date"));
        }
        drop = drop.localCheckpoint(true);
        long n = drop.count();
        if (n == 0) {
            return 0;
        }
        List<String> dates = drop.select(col("date").cast("string")).distinct().as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList();
        Path events = lake.events(run);
        Path fresh = lake.root().resolve("_ingest").resolve("run=" + LakeLayout.id(run));
        LakeLayout.deleteTree(fresh);
        Dataset<Row> keys = drop.select("partition", "offset");
        LakeLayout.writer(accepted.filter(col("date").cast("string").isin(dates.toArray()))
                .join(n <= BROADCAST_ROWS ? broadcast(keys) : keys,
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of("partition", "offset")).toSeq(), "left_anti"))
                .partitionBy("date").parquet(fresh.toString());
        try {
            for (String date : dates) {
                Path old = events.resolve("date=" + date);
                LakeLayout.deleteTree(old);
                Path rewritten = fresh.resolve("date=" + date);
                if (Files.isDirectory(rewritten)) { // absent when every row of the date was dropped
                    Files.move(rewritten, old, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            LakeLayout.deleteTree(fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("ingest run " + run + ": cannot swap in its rewritten dates", e);
        }
        LOG.info("ingest run {}: {} rows (later copies of duplicates, forgotten users' events) dropped from {} dates",
                run, n, dates.size());
        return n;
    }

    private static boolean hasDates(Path events) {
        try (java.util.stream.Stream<Path> children = Files.list(events)) {
            return children.anyMatch(p -> p.getFileName().toString().startsWith("date="));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + events, e);
        }
    }
}
