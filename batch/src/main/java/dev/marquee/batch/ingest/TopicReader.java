package dev.marquee.batch.ingest;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a {@link TopicRange} of the log topic as a Spark batch and parses it into event rows. */
public final class TopicReader {
    /**
     * How many of a partition's latest lines the read remembers, to set aside a copy of one of them as
     * a duplicate as it parses (a producer's retried batches land right after the originals: five
     * in-flight batches of 16 kB are about 1,400 lines); copies further apart are found after the
     * write ({@link Duplicates}).
     */
    static final int RECENT_LINES = 4096;
    /** Above this many records per topic partition, Spark's Kafka source splits partitions into tasks of about this many. */
    static final long RECORDS_PER_TASK = 2_500_000;

    private TopicReader() {}

    /**
     * Told of each record as a Spark task parses it, where the task runs (tests stop a broker there,
     * in the middle of the read). Serialised to the executors with the read.
     */
    @FunctionalInterface
    public interface ReadProbe extends java.io.Serializable {
        /** No probe. */
        ReadProbe NONE = (partition, offset) -> { };

        /** The record at {@code (partition, offset)} is being parsed. */
        void read(int partition, long offset);
    }

    /**
     * The range's records as rows of {@link EventRows#SCHEMA}, an accepted line equal to one of the
     * partition's {@value #RECENT_LINES} accepted lines before it a rejected {@code duplicate}, waiting at most 2 minutes for the broker; lazily evaluated. */
    public static Dataset<Row> read(SparkSession spark, String bootstrapServers, TopicRange range, EventRows rows) {
        return read(spark, bootstrapServers, range, rows, java.time.Duration.ofMinutes(2));
    }

    /** As above, giving up after {@code timeout} without an answer from the broker. */
    public static Dataset<Row> read(SparkSession spark, String bootstrapServers, TopicRange range, EventRows rows,
            java.time.Duration timeout) {
        return read(spark, bootstrapServers, range, rows, timeout, java.util.Map.of(), ReadProbe.NONE);
    }

    /** As above, with Kafka consumer settings ({@code kafka.consumer}) and a probe told of each record. */
    public static Dataset<Row> read(SparkSession spark, String bootstrapServers, TopicRange range, EventRows rows,
            java.time.Duration timeout, java.util.Map<String, String> consumer, ReadProbe probe) {
        Dataset<Row> records = records(spark, bootstrapServers, range, timeout, consumer);
        boolean probed = probe != ReadProbe.NONE;
        MapPartitionsFunction<Row, Row> parse = it -> new java.util.Iterator<>() {
            private final RecentLines recent = new RecentLines(RECENT_LINES);

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Row next() {
                Row r = it.next();
                if (probed) {
                    probe.read(r.getInt(1), r.getLong(2));
                }
                String line = r.getString(0);
                Row row = rows.toRow(line, r.getInt(1), r.getLong(2));
                // Only an accepted line can be a duplicate; a rejected one's copies keep their own reason.
                return !row.getString(0).equals(EventRows.REJECTED) && recent.seen(line)
                        ? EventRows.duplicate(line, r.getInt(1), r.getLong(2)) : row;
            }
        };
        return records.mapPartitions(parse, Encoders.row(EventRows.SCHEMA));
    }

    /** The range's records as {@code (value as text, partition, offset)}, lazily evaluated. */
    public static Dataset<Row> records(SparkSession spark, String bootstrapServers, TopicRange range,
            java.time.Duration timeout) {
        return records(spark, bootstrapServers, range, timeout, java.util.Map.of());
    }

    /** As above, with Kafka consumer settings given to Spark's Kafka source as {@code kafka.<key>}. */
    public static Dataset<Row> records(SparkSession spark, String bootstrapServers, TopicRange range,
            java.time.Duration timeout, java.util.Map<String, String> consumer) {
        String ms = Long.toString(timeout.toMillis());
        org.apache.spark.sql.DataFrameReader reader = spark.read().format("kafka");
        consumer.forEach((k, v) -> reader.option("kafka." + k, v));
        int tasks = (int) Math.min(10_000, (range.records() + RECORDS_PER_TASK - 1) / RECORDS_PER_TASK);
        if (tasks > range.until().size()) {
            // A big range in tasks of a few million records each: the progress line's count and ETA move as
            // tasks finish, and a lost task re-reads a part of a partition, not all of it.
            reader.option("minPartitions", Integer.toString(tasks));
        }
        return reader
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", range.topic())
                .option("startingOffsets", range.startingOffsetsJson())
                .option("endingOffsets", range.endingOffsetsJson())
                .option("failOnDataLoss", "true")
                .option("kafkaConsumer.pollTimeoutMs", ms)
                .option("kafka.request.timeout.ms", Long.toString(Math.min(timeout.toMillis(), 30_000)))
                .option("kafka.default.api.timeout.ms", ms)
                .load()
                .select(col("value").cast("string").as("value"), col("partition"), col("offset"));
    }
}
