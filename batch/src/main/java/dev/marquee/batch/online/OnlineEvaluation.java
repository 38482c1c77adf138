package dev.marquee.batch.online;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.ingest.EventRows;
import dev.marquee.batch.ingest.IngestCommit;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.batch.ingest.LakeReader;
import dev.marquee.batch.ingest.LakeRetention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins each recorded answer with what the same user did in the window after it. An answer with
 * status 200 is a hit when the user watched (started) or rated one of its movies at a wall time in
 * {@code [answer, answer + window)}; the hit's position is the best-placed such movie's (1-based);
 * its minutes are the watch events (one minute each) of its movies in that window (a watch that
 * falls in the windows of two answers counts for both). Answers whose window ends after the lake's
 * latest event are pending: counted, not judged, judged by a later night.
 */
public final class OnlineEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineEvaluation.class);

    private final SparkSession spark;
    private final BatchConfig config;

    public OnlineEvaluation(SparkSession spark, BatchConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /**
     * Evaluates the answers of the readable committed runs against their events, writes the report
     * to {@code lake/online/run-N.json} (N: the last committed run) and returns it.
     */
    public OnlineReport run(LakeLayout lake, List<IngestCommit> commits) {
        List<IngestCommit> readable = LakeRetention.readable(lake, commits);
        if (readable.isEmpty()) {
            throw new IllegalStateException("the lake at " + lake.root() + " holds no committed run: nothing to evaluate");
        }
        int snapshot = readable.get(readable.size() - 1).run();
        String[] paths = readable.stream().map(IngestCommit::answers)
                .filter(a -> a != null && a.answersPath() != null && a.accepted() > 0)
                .map(a -> a.answersPath()).filter(p -> Files.isDirectory(Path.of(p))).toArray(String[]::new);
        Dataset<Row> events = LakeReader.events(spark, lake, readable);
        OnlineReport report;
        if (paths.length == 0) {
            LocalDateTime latest = events.agg(max("time")).first().getAs(0);
            report = new OnlineReport(snapshot, String.valueOf(latest), config.online().window().toString(), 0, 0, List.of());
        } else {
            Dataset<Row> answers = spark.read().option("basePath", lake.answers().toString()).parquet(paths);
            report = evaluate(snapshot, answers, events);
        }
        report.write(lake.online(snapshot));
        LOG.info("online evaluation: {} answers evaluated, {} pending; written to {}", report.evaluated(),
                report.pending(), lake.online(snapshot));
        return report;
    }

    /** The report for {@code answers} (the lake's answer columns) against {@code events} (the lake's). */
    OnlineReport evaluate(int snapshot, Dataset<Row> answers, Dataset<Row> events) {
        LocalDateTime latest = events.agg(max("time")).first().getAs(0);
        AnswerWindows windows = new AnswerWindows(config.validation().platformZone(), config.online().window());
        Dataset<Row> all = answers.select(AnswerWindows.IN[0], java.util.Arrays.copyOfRange(AnswerWindows.IN, 1,
                        AnswerWindows.IN.length))
                .map((MapFunction<Row, Row>) windows::toRow, Encoders.row(AnswerWindows.SCHEMA))
                .withColumn("aid", monotonically_increasing_id())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> done = all.filter(col("end").leq(lit(latest)));
            long pending = all.filter(col("end").gt(lit(latest))).count();
            Dataset<Row> items = done.filter(col("status").equalTo(200))
                    .select(col("aid"), col("user"), col("start"), col("end"), posexplode(col("movies")).as(
                            new String[] {"pos", "movie"}));
            Dataset<Row> acts = events.filter(col("kind").isin(EventRows.WATCH, EventRows.RATE))
                    .select(col("user").as("e_user"), col("movie").as("e_movie"), col("kind"), col("time"));
            Dataset<Row> matched = items.join(acts, items.col("user").equalTo(acts.col("e_user"))
                            .and(items.col("movie").equalTo(acts.col("e_movie"))))
                    .filter(col("time").geq(col("start")).and(col("time").lt(col("end"))));
            Dataset<Row> perAnswer = matched.groupBy("aid").agg(min("pos").plus(1).as("firstHit"),
                    sum(when(col("kind").equalTo(EventRows.WATCH), 1L).otherwise(0L)).as("minutes"));
            Dataset<Row> judged = done.join(perAnswer, "aid", "left_outer");
            Dataset<Row> grouped = judged.groupBy(col("version"), col("arm"), col("day")).agg(
                    count(lit(1)).as("answers"),
                    countDistinct(col("user")).as("users"),
                    sum(when(col("status").equalTo(200), 1L).otherwise(0L)).as("answered"),
                    sum(when(col("firstHit").isNotNull(), 1L).otherwise(0L)).as("hits"),
                    avg(col("firstHit")).as("meanFirstHit"),
                    sum(coalesce(col("minutes"), lit(0L))).as("minutes"),
                    sum(when(col("status").equalTo(200).and(col("coldStart")), 1L).otherwise(0L)).as("cold"),
                    percentile_approx(col("latencyMs"), lit(0.5), lit(10_000)).as("p50"),
                    percentile_approx(col("latencyMs"), lit(0.99), lit(10_000)).as("p99"))
                    .orderBy(col("version").asc_nulls_first(), col("arm"), col("day"));
            List<OnlineRow> rows = new ArrayList<>();
            long evaluated = 0;
            for (Row r : grouped.collectAsList()) {
                long n = r.getAs("answers");
                long answered = r.getAs("answered");
                long hits = r.getAs("hits");
                evaluated += n;
                rows.add(new OnlineRow(r.getAs("version"), r.getAs("arm"), r.getAs("day"), n, r.getAs("users"), answered,
                        hits, answered == 0 ? Double.NaN : (double) hits / answered,
                        r.isNullAt(r.fieldIndex("meanFirstHit")) ? Double.NaN : r.<Double>getAs("meanFirstHit"),
                        r.<Long>getAs("minutes"), answered == 0 ? Double.NaN : (double) r.<Long>getAs("cold") / answered,
                        r.getAs("p50"), r.getAs("p99"), (double) (n - answered) / n));
            }
            // Per user: did any of its judged answers from this version and arm hit? (the A/B test's unit)
            List<ArmUsers> arms = new ArrayList<>();
            for (Row r : judged.filter(col("status").equalTo(200).and(col("version").isNotNull()))
                    .groupBy(col("version"), col("arm"), col("user"))
                    .agg(max(when(col("firstHit").isNotNull(), 1L).otherwise(0L)).as("hit"))
                    .groupBy(col("version"), col("arm")).agg(count(lit(1)).as("users"), sum(col("hit")).as("usersHit"))
                    .orderBy(col("version"), col("arm")).collectAsList()) {
                arms.add(new ArmUsers(r.getAs("version"), r.getAs("arm"), r.<Long>getAs("users"), r.<Long>getAs("usersHit")));
            }
            return new OnlineReport(snapshot, String.valueOf(latest), config.online().window().toString(), evaluated,
                    pending, rows, arms);
        } finally {
            all.unpersist();
        }
    }
}
