package dev.marquee.batch.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.config.Validation;
import dev.marquee.batch.progress.Steps;
import dev.marquee.events.LogTimes;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's ingestion: the records after the last commit -> typed rows with per-line checks ->
 * duplicates marked -> events to the lake, rejected lines to the quarantine -> data report ->
 * run-level expectations -> the answers topic's records ({@link AnswerIngestion}, offsets fixed with
 * the log's) -> commit of both. Nothing is committed unless every step before succeeded.
 *
 * <p>"Now" comes from the run's {@link Clock} (the system's by default; tests run as of a fixed
 * instant): the run's start, as wall time in the platform's zone, is what log times are judged
 * against ({@link #eventRows}), and the commit is stamped with the clock's instant.
 */
public final class Ingestion {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);
    private static final String[] EVENT_KEY = {"kind", "user", "movie", "rating", "minute", "time"};
    private static final String KEY_HASH = "key_hash";

    private final SparkSession spark;
    private final BatchConfig config;
    private final LakeLayout lake;
    private final IngestLedger ledger;
    private final Clock clock;
    private Steps steps = Steps.NONE;
    private RunCheck check = RunCheck.NONE;
    private TopicReader.ReadProbe probe = TopicReader.ReadProbe.NONE;

    /** Ingestion on the system clock. */
    public Ingestion(SparkSession spark, BatchConfig config) {
        this(spark, config, Clock.systemUTC());
    }

    /** Ingestion as of {@code clock}'s instants (its zone is not used: log times are in the platform's zone). */
    public Ingestion(SparkSession spark, BatchConfig config, Clock clock) {
        this.spark = spark;
        this.config = config;
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.lake = new LakeLayout(config.lakeRoot());
        this.ledger = new IngestLedger(lake);
    }

    /** Where this ingestion names its steps for the progress lines. */
    public Ingestion steps(Steps steps) {
        this.steps = java.util.Objects.requireNonNull(steps, "steps");
        return this;
    }

    /** A check of the run's accepted events before its commit (drift); it may stop the run. */
    public Ingestion check(RunCheck check) {
        this.check = java.util.Objects.requireNonNull(check, "check");
        return this;
    }

    /** A probe told of each record as the read parses it (tests stop a broker in the middle of the read). */
    public Ingestion probe(TopicReader.ReadProbe probe) {
        this.probe = java.util.Objects.requireNonNull(probe, "probe");
        return this;
    }

    /** What a run ingested: its commit (absent when nothing new arrived) and its data report. */
    public record Result(java.util.Optional<IngestCommit> commit, DataReport report, TopicRange range) {}

    private IllegalStateException unreadable(int run, Exception e) {
        return new IllegalStateException("ingest run " + run + ": could not read topic " + config.topic() + " from "
                + config.bootstrapServers() + " (the broker stopped or did not answer within "
                + config.kafkaTimeout().toSeconds() + " s); nothing was committed, the next run reads the same offsets", e);
    }

    /** Runs it. {@code beforeCommit} runs just before the commit (tests use it to die there). */
    public Result run(Runnable beforeCommit) {
        return run(() -> { }, beforeCommit);
    }

    /**
     * Runs it; {@code afterRange} runs once the offsets to read are fixed and before they are read
     * (tests stop the broker there), {@code beforeCommit} just before the commit.
     */
    public Result run(Runnable afterRange, Runnable beforeCommit) {
        Instant started = clock.instant();
        List<IngestCommit> history = ledger.commits();
        int run = history.isEmpty() ? 1 : history.get(history.size() - 1).run() + 1;
        Map<Integer, Long> committed = history.isEmpty() ? Map.of() : history.get(history.size() - 1).until();
        steps.step("asking " + config.bootstrapServers() + " for topic " + config.topic() + "'s offsets");
        TopicRange range = TopicRange.after(config.bootstrapServers(), config.topic(), committed, config.kafkaTimeout(),
                config.kafkaConsumer());
        AnswerIngestion answers = config.online().ingestsAnswers() ? new AnswerIngestion(spark, config, lake) : null;
        TopicRange answerRange = answers == null ? null : answers.range(history);
        long lost = range.lostAfter(committed);
        if (lost > 0) {
            StringBuilder where = new StringBuilder();
            committed.forEach((p, offset) -> {
                long from = range.from().getOrDefault(p, offset);
                if (from > offset) {
                    where.append(where.length() == 0 ? "" : ", ").append("partition ").append(p).append(": offsets ")
                            .append(offset).append("..").append(from - 1);
                }
            });
            LOG.warn("ingest run {}: {} records of topic {} were deleted by the topic's retention before any run read them"
                    + " ({}); they are lost to the lake. A night was missed for longer than the topic keeps its"
                    + " records: run the job at least once per retention period (retention.ms)", run, lost,
                    config.topic(), where);
        }
        double median = Expectations.volumeMedian(history, config.validation());
        if (range.records() == 0) {
            String verdict = Expectations.verdict(0, 0, median, config.validation());
            DataReport report = new DataReport(run, 0, Map.of(), Map.of(), 0, median, verdict);
            LOG.info("{}", report.format());
            if (!report.accepted()) {
                report.write(lake.report(run));
                throw new DataQualityException(report);
            }
            return new Result(java.util.Optional.empty(), report, range);
        }

        EventRows checks = eventRows(config, started);
        afterRange.run();
        LOG.info("ingest run {}: reading {} records of topic {} from {} (offsets {} to {})", run, range.records(),
                config.topic(), config.bootstrapServers(), range.startingOffsetsJson(), range.endingOffsetsJson());
        Dataset<Row> parsed;
        Dataset<Row> repeated;
        Dataset<Row> rows;
        try {
            parsed = TopicReader.read(spark, config.bootstrapServers(), range, checks, config.kafkaTimeout(),
                            config.kafkaConsumer(), probe)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            repeated = repeatedEvents(parsed).persist(StorageLevel.MEMORY_AND_DISK());
            rows = markDuplicates(parsed, repeated);
        } catch (Exception e) { // Spark plans a Kafka read eagerly and may throw Kafka's checked exceptions unchecked
            throw unreadable(run, e);
        }
        long t0 = System.nanoTime();
        try {
            DataReport report;
            steps.step("reading, checking and de-duplicating " + range.records() + " records of topic " + config.topic());
            try {
                report = report(run, parsed, repeated, median);
            } catch (Exception e) {
                throw unreadable(run, e);
            }
            report.write(lake.report(run));
            LOG.info("{}", report.format());
            LOG.info("ingest run {}: read, checked and de-duplicated {} records in {} s", run, report.records(), seconds(t0));

            Dataset<Row> accepted = rows.filter(col("kind").notEqual(EventRows.REJECTED)).drop("reason", "line")
                    .withColumn("date", to_date(col("time")));
            List<Long> forgotten = Forget.forgotten(lake);
            if (!forgotten.isEmpty()) {
                // Users who asked to be forgotten stay forgotten: their events, should they come again, are dropped.
                accepted = accepted.filter(not(col("user").isin(forgotten.toArray())));
            }
            long t1 = System.nanoTime();
            steps.step("writing " + (report.records() - report.rejected()) + " events to the lake");
            accepted.write().mode(SaveMode.Overwrite).partitionBy("date").parquet(lake.events(run).toString());
            LOG.info("ingest run {}: {} events written to {} in {} s", run, report.records() - report.rejected(),
                    lake.events(run), seconds(t1));
            steps.step("writing " + report.rejected() + " rejected lines to the quarantine");
            Dataset<Row> quarantined = report.rejected() == 0
                    // nothing to look for: an empty quarantine, without another pass over the run's rows
                    ? spark.createDataFrame(List.of(), EventRows.SCHEMA)
                    : rows.filter(col("kind").equalTo(EventRows.REJECTED));
            quarantined.select("line", "reason", "partition", "offset")
                    .write().mode(SaveMode.Overwrite).parquet(lake.quarantine(run).toString());
            if (!report.accepted()) {
                throw new DataQualityException(report);
            }
            // The check reads back what was just written (a columnar scan of the columns it needs) rather than
            // recomputing the read, the checks and the duplicate join once per aggregation.
            String stop = check.check(run, spark.read().parquet(lake.events(run).toString()), report, history);
            if (!stop.isEmpty()) {
                report = report.withVerdict(stop);
                report.write(lake.report(run));
                throw new DataQualityException(report);
            }
            AnswersCommit answered = null;
            if (answers != null) {
                steps.step("reading " + answerRange.records() + " answer records of topic " + answerRange.topic());
                try {
                    answered = answers.ingest(run, answerRange, started);
                } catch (Exception e) {
                    throw new IllegalStateException("ingest run " + run + ": could not ingest answers topic "
                            + answerRange.topic() + " from " + config.bootstrapServers() + " (" + e.getMessage()
                            + "); nothing was committed, the next run reads the same offsets", e);
                }
            }
            beforeCommit.run();
            IngestCommit commit = new IngestCommit(run, config.topic(), ranges(range), report.records(),
                    report.records() - report.rejected(), report.rejected(), lake.events(run).toString(),
                    lake.quarantine(run).toString(), clock.instant().toString(), answered);
            ledger.commit(commit);
            return new Result(java.util.Optional.of(commit), report, range);
        } finally {
            repeated.unpersist();
            parsed.unpersist();
        }
    }

    /**
     * The line checks of a run started at {@code started}. Log times carry no zone: they are wall
     * times in the platform's zone ({@link LogTimes#wallTime}), so the run's "now" is its start's
     * wall time in {@code platform-zone}, never the JVM's zone; a time after it plus the future
     * tolerance is {@link LineChecks#TIME_IN_FUTURE}.
     */
    public static EventRows eventRows(BatchConfig config, Instant started) {
        Validation v = config.validation();
        LocalDateTime notAfter = LogTimes.wallTime(started, v.platformZone()).plus(v.futureTolerance());
        return new EventRows(config.ratingMin(), config.ratingMax(), v.maxUserId(), v.platformStart(), notAfter);
    }

    /** Every later copy of an event already in this run becomes a rejected {@code duplicate}. */
    public static Dataset<Row> markDuplicates(Dataset<Row> rows) {
        return markDuplicates(rows, repeatedEvents(rows));
    }

    /**
     * The events (by {@link #EVENT_KEY}) that occur more than once among the accepted rows, each with
     * the {@code (partition, offset)} of its first copy. Two steps, so that the full keys are never
     * shuffled: the 64-bit hashes of the keys that occur more than once (an aggregation of one long
     * column), then, among the few rows with such a hash, the full keys that do (a hash collision
     * between different events is found there and is not a duplicate). Usually tiny (a producer's
     * retries).
     */
    static Dataset<Row> repeatedEvents(Dataset<Row> rows) {
        Dataset<Row> accepted = rows.filter(col("kind").notEqual(EventRows.REJECTED))
                .withColumn(KEY_HASH, xxhash64(keyColumns(rows)));
        Dataset<Row> hashes = accepted.groupBy(KEY_HASH).agg(count(lit(1)).as("copies"))
                .filter(col("copies").gt(1)).select(KEY_HASH);
        Dataset<Row> candidates = accepted.join(broadcast(hashes), KEY_HASH);
        return candidates.groupBy(keyColumns(candidates))
                .agg(count(lit(1)).as("copies"), min(struct(col("partition"), col("offset"))).as("first"))
                .filter(col("copies").gt(1));
    }

    /**
     * Marks the later copies of {@code repeated}'s events in {@code rows} as rejected duplicates:
     * a join on the key (null-safe; the optimiser broadcasts {@code repeated} when it is small).
     */
    static Dataset<Row> markDuplicates(Dataset<Row> rows, Dataset<Row> repeated) {
        Column[] renamed = new Column[EVENT_KEY.length + 1];
        for (int i = 0; i < EVENT_KEY.length; i++) {
            renamed[i] = repeated.col(EVENT_KEY[i]).as("dup_" + EVENT_KEY[i]);
        }
        renamed[EVENT_KEY.length] = repeated.col("first");
        Dataset<Row> r = repeated.select(renamed);
        Column same = null;
        for (String k : EVENT_KEY) {
            Column eq = rows.col(k).eqNullSafe(r.col("dup_" + k));
            same = same == null ? eq : same.and(eq);
        }
        Column first = r.col("first");
        Column duplicate = rows.col("kind").notEqual(EventRows.REJECTED).and(first.isNotNull())
                .and(not(first.getField("partition").equalTo(rows.col("partition"))
                        .and(first.getField("offset").equalTo(rows.col("offset")))));
        Dataset<Row> joined = rows.join(r, same, "left_outer");
        List<Column> out = new java.util.ArrayList<>();
        for (String field : EventRows.SCHEMA.fieldNames()) {
            if (field.equals("reason")) {
                out.add(when(duplicate, lit(LineChecks.DUPLICATE)).otherwise(rows.col("reason")).as("reason"));
            } else if (field.equals("kind")) {
                out.add(when(duplicate, lit(EventRows.REJECTED)).otherwise(rows.col("kind")).as("kind"));
            } else {
                out.add(rows.col(field));
            }
        }
        return joined.select(out.toArray(new Column[0]));
    }

    private static Column[] keyColumns(Dataset<Row> rows) {
        Column[] key = new Column[EVENT_KEY.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = rows.col(EVENT_KEY[i]);
        }
        return key;
    }

    /**
     * The run's counts: the parsed rows by kind and reason (no join needed), then each repeated event's
     * later copies moved from its kind to the rejected {@code duplicate}s.
     */
    private DataReport report(int run, Dataset<Row> parsed, Dataset<Row> repeated, double median) {
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        long records = 0;
        for (Row r : parsed.groupBy("kind", "reason").count().collectAsList()) {
            byKind.merge(r.getString(0), r.getLong(2), Long::sum);
            records += r.getLong(2);
            if (r.getString(1) != null) {
                byReason.merge(r.getString(1), r.getLong(2), Long::sum);
            }
        }
        for (Row r : repeated.groupBy("kind").agg(sum(col("copies").minus(1))).collectAsList()) {
            long later = r.getLong(1);
            byKind.merge(r.getString(0), -later, Long::sum);
            byKind.merge(EventRows.REJECTED, later, Long::sum);
            byReason.merge(LineChecks.DUPLICATE, later, Long::sum);
        }
        long rejected = byKind.getOrDefault(EventRows.REJECTED, 0L);
        String verdict = Expectations.verdict(records, rejected, median, config.validation());
        return new DataReport(run, records, byKind, byReason, records == 0 ? 0 : (double) rejected / records, median, verdict);
    }

    private static String seconds(long since) {
        return String.format("%.1f", (System.nanoTime() - since) / 1e9);
    }

    private static SortedMap<Integer, OffsetRange> ranges(TopicRange range) {
        SortedMap<Integer, OffsetRange> out = new TreeMap<>();
        range.until().forEach((p, until) -> out.put(p, new OffsetRange(range.from().getOrDefault(p, 0L), until)));
        return out;
    }
}
