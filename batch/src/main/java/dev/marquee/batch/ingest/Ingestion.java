package dev.marquee.batch.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.config.Validation;
import dev.marquee.batch.progress.Steps;
import dev.marquee.events.LogTimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's ingestion: the records after the last commit, read once, parsed and checked line by line
 * straight into the run's Parquet (accepted events by date, rejected lines set aside) -> data report
 * and duplicates found on the written columns ({@link Duplicates}) -> the rejected lines and the later
 * copies of duplicates to the quarantine, the dates that held a later copy or a forgotten user's
 * event rewritten without them ({@link LakeRun}) -> run-level expectations and the drift check ->
 * the answers topic's records ({@link AnswerIngestion}, offsets fixed with the log's) -> commit of
 * both. Nothing is committed unless every step before succeeded; a run that stopped is written over
 * by the next.
 *
 * <p>"Now" comes from the run's {@link Clock} (the system's by default; tests run as of a fixed
 * instant): the run's start, as wall time in the platform's zone, is what log times are judged
 * against ({@link #eventRows}), and the commit is stamped with the clock's instant.
 */
public final class Ingestion {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);

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
        Path eventsDir = lake.events(run);
        long t0 = System.nanoTime();
        steps.step("reading, checking and writing " + range.records() + " records of topic " + config.topic());
        try {
            // The run's one pass over the topic: every record parsed and checked straight into the lake's
            // Parquet, accepted events by date, rejected lines (no date) into a folder that becomes the quarantine.
            LakeLayout.writer(lakeRows(TopicReader.read(spark, config.bootstrapServers(), range, checks,
                            config.kafkaTimeout(), config.kafkaConsumer(), probe)))
                    .partitionBy("date").parquet(eventsDir.toString());
        } catch (Exception e) { // Spark plans a Kafka read eagerly and may throw Kafka's checked exceptions unchecked
            throw unreadable(run, e);
        }
        LOG.info("ingest run {}: {} records read, checked and written to {} in {} s", run, range.records(), eventsDir,
                seconds(t0));
        long t1 = System.nanoTime();
        steps.step("counting and de-duplicating the run's rows");
        Dataset<Row> written = spark.read().parquet(eventsDir.toString());
        Dataset<Row> accepted = written.filter(col("date").isNotNull());
        Dataset<Row> later = Duplicates.laterCopies(accepted, range.records());
        String searched = seconds(t1);
        long t2 = System.nanoTime();
        DataReport report = report(run, written, later, median);
        report.write(lake.report(run));
        LOG.info("{}", report.format());
        String counted = seconds(t2);
        long t3 = System.nanoTime();
        steps.step("writing " + report.rejected() + " rejected lines to the quarantine");
        quarantine(run, written.schema(), later);
        String quarantined = seconds(t3);
        long t4 = System.nanoTime();
        LakeRun.dropFromDates(spark, lake, run, later, Forget.forgotten(lake));
        LOG.info("ingest run {}: duplicates searched in {} s, counted in {} s, quarantined in {} s, lake mended in {} s",
                run, searched, counted, quarantined, seconds(t4));
        if (!report.accepted()) {
            throw new DataQualityException(report);
        }
        // The check reads the run's events as written: a columnar scan of the columns it needs.
        steps.step("checking the run's " + (report.records() - report.rejected()) + " events for drift");
        String stop = check.check(run, spark.read().parquet(eventsDir.toString()), report, history);
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
    }

    /**
     * The parsed rows as the lake keeps them: the record's text only where the lake needs it (rejected
     * lines, and recommendation requests, whose fields the lake does not hold), and the date partition
     * (none for a rejected line). The duplicate search hashes the written key columns itself: a hash
     * column in the lake would cost every later read of it (measured: a third of the lake's bytes).
     */
    static Dataset<Row> lakeRows(Dataset<Row> parsed) {
        Column rejected = col("kind").equalTo(EventRows.REJECTED);
        return parsed.withColumn("line", when(rejected.or(col("kind").equalTo(EventRows.RECOMMENDATION)), col("line")))
                .withColumn("date", when(not(rejected), to_date(col("time"))));
    }

    /**
     * The run's quarantine: the rejected lines' folder (Spark's partition of rows without a date) moved
     * out of the run's events, then the later copies of duplicate events added to it.
     */
    private void quarantine(int run, StructType writtenSchema, Dataset<Row> later) {
        Path target = lake.quarantine(run);
        Path rejected = lake.events(run).resolve("date=" + LakeRun.NO_DATE);
        LakeLayout.deleteTree(target);
        StructType fileSchema = new StructType(java.util.Arrays.stream(writtenSchema.fields())
                .filter(f -> !f.name().equals("date")).toArray(org.apache.spark.sql.types.StructField[]::new));
        try {
            Files.createDirectories(target.getParent());
            if (Files.isDirectory(rejected)) {
                Files.move(rejected, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                spark.createDataFrame(List.of(), fileSchema).write().parquet(target.toString());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("ingest run " + run + ": cannot move its rejected lines to " + target, e);
        }
        if (!later.isEmpty()) {
            Column[] columns = java.util.Arrays.stream(fileSchema.fieldNames()).map(functions::col).toArray(Column[]::new);
            Duplicates.quarantined(later).select(columns).write().mode(SaveMode.Append).parquet(target.toString());
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

    /**
     * The run's counts: the written rows by kind and reason (a scan of two columns), then the later
     * copies of duplicate events moved from their kind to the rejected {@code duplicate}s.
     */
    private DataReport report(int run, Dataset<Row> written, Dataset<Row> later, double median) {
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        long records = 0;
        for (Row r : written.groupBy("kind", "reason").count().collectAsList()) {
            byKind.merge(r.getString(0), r.getLong(2), Long::sum);
            records += r.getLong(2);
            if (r.getString(1) != null) {
                byReason.merge(r.getString(1), r.getLong(2), Long::sum);
            }
        }
        for (Row r : later.groupBy("kind").count().collectAsList()) {
            long copies = r.getLong(1);
            byKind.merge(r.getString(0), -copies, Long::sum);
            byKind.merge(EventRows.REJECTED, copies, Long::sum);
            byReason.merge(LineChecks.DUPLICATE, copies, Long::sum);
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
