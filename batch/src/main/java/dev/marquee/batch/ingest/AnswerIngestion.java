package dev.marquee.batch.ingest;

import static org.apache.spark.sql.functions.col;

import dev.marquee.batch.config.BatchConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers topic's part of a run, exactly once like the log: its offsets are fixed at the run's
 * start (from the last commit's answer offsets to the latest), read as a batch, checked
 * ({@link AnswerRows}), written to {@code lake/answers/run=N} and the rejected records to
 * {@code lake/answers-quarantine/run=N}, and committed in the same ledger file as the log's. A run
 * that fails before its commit is run again from the same offsets. A topic that does not exist is
 * zero answers, not an error.
 */
final class AnswerIngestion {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerIngestion.class);

    private final SparkSession spark;
    private final BatchConfig config;
    private final LakeLayout lake;

    AnswerIngestion(SparkSession spark, BatchConfig config, LakeLayout lake) {
        this.spark = spark;
        this.config = config;
        this.lake = lake;
    }

    /** The answer offsets the last commit that read this topic ended at (none: from the earliest). */
    static Map<Integer, Long> committed(List<IngestCommit> history, String topic) {
        for (int i = history.size() - 1; i >= 0; i--) {
            AnswersCommit a = history.get(i).answers();
            if (a != null && a.topic().equals(topic)) {
                return a.until();
            }
        }
        return Map.of();
    }

    /** The range this run reads, fixed now: empty for a topic that does not exist (yet). */
    TopicRange range(List<IngestCommit> history) {
        String topic = config.online().answersTopic();
        if (!exists(topic)) {
            LOG.info("answers topic {} does not exist at {}: no answers this run", topic, config.bootstrapServers());
            return new TopicRange(topic, new TreeMap<>(), new TreeMap<>());
        }
        return TopicRange.after(config.bootstrapServers(), topic, committed(history, topic), config.kafkaTimeout(),
                config.kafkaConsumer());
    }

    private boolean exists(String topic) {
        Map<String, Object> props = TopicRange.adminSettings(config.bootstrapServers(), config.kafkaTimeout(),
                config.kafkaConsumer());
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get().contains(topic);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics at " + config.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }

    /** Static, so that the function Spark ships captures only the checks. */
    private static MapPartitionsFunction<Row, Row> parser(AnswerRows checks) {
        return it -> new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Row next() {
                Row r = it.next();
                return checks.toRow(r.getString(0), r.getInt(1), r.getLong(2));
            }
        };
    }

    /** Reads {@code range}, writes run {@code run}'s answers and quarantine, and returns the commit's part. */
    AnswersCommit ingest(int run, TopicRange range, Instant started) {
        SortedMap<Integer, OffsetRange> offsets = new TreeMap<>();
        range.until().forEach((p, until) -> offsets.put(p, new OffsetRange(range.from().getOrDefault(p, 0L), until)));
        if (range.records() == 0) {
            return new AnswersCommit(range.topic(), offsets, 0, 0, 0, null, null);
        }
        AnswerRows checks = new AnswerRows(config.validation().maxUserId(),
                started.plus(config.validation().futureTolerance()), config.validation().platformZone());
        Dataset<Row> rows = TopicReader.records(spark, config.bootstrapServers(), range, config.kafkaTimeout(),
                config.kafkaConsumer())
                .mapPartitions(parser(checks), Encoders.row(AnswerRows.SCHEMA)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> byReason = new TreeMap<>();
            long records = 0;
            for (Row r : rows.groupBy("reason").count().collectAsList()) {
                records += r.getLong(1);
                if (!r.isNullAt(0)) {
                    byReason.put(r.getString(0), r.getLong(1));
                }
            }
            long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();
            Dataset<Row> accepted = rows.filter(col("reason").isNull()).drop("reason", "record");
            List<Long> forgotten = Forget.forgotten(lake);
            if (!forgotten.isEmpty()) {
                // Users who asked to be forgotten stay forgotten: their answers are not kept either.
                accepted = accepted.filter(org.apache.spark.sql.functions.not(col("user").isin(forgotten.toArray())));
            }
            accepted.write().mode(SaveMode.Overwrite).partitionBy("date").parquet(lake.answers(run).toString());
            rows.filter(col("reason").isNotNull()).select("record", "reason", "partition", "offset")
                    .write().mode(SaveMode.Overwrite).parquet(lake.answersQuarantine(run).toString());
            if (rejected > 0) {
                LOG.warn("ingest run {}: {} of {} answer records of topic {} quarantined ({}) in {}", run, rejected, records,
                        range.topic(), byReason, lake.answersQuarantine(run));
            }
            LOG.info("ingest run {}: {} answers of topic {} written to {}", run, records - rejected, range.topic(),
                    lake.answers(run));
            return new AnswersCommit(range.topic(), offsets, records, records - rejected, rejected,
                    lake.answers(run).toString(), lake.answersQuarantine(run).toString());
        } finally {
            rows.unpersist();
        }
    }
}
