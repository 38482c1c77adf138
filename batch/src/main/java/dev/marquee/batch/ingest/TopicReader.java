package dev.marquee.batch.ingest;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a {@link TopicRange} of the log topic as a Spark batch and parses it into event rows. */
public final class TopicReader {
    private TopicReader() {}

    /** The range's records as rows of {@link EventRows#SCHEMA}, waiting at most 2 minutes for the broker; lazily evaluated. */
    public static Dataset<Row> read(SparkSession spark, String bootstrapServers, TopicRange range, EventRows rows) {
        return read(spark, bootstrapServers, range, rows, java.time.Duration.ofMinutes(2));
    }

    /** As above, giving up after {@code timeout} without an answer from the broker. */
    public static Dataset<Row> read(SparkSession spark, String bootstrapServers, TopicRange range, EventRows rows,
            java.time.Duration timeout) {
        Dataset<Row> records = records(spark, bootstrapServers, range, timeout);
        MapPartitionsFunction<Row, Row> parse = it -> new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Row next() {
                Row r = it.next();
                return rows.toRow(r.getString(0), r.getInt(1), r.getLong(2));
            }
        };
        return records.mapPartitions(parse, Encoders.row(EventRows.SCHEMA));
    }

    /** The range's records as {@code (value as text, partition, offset)}, lazily evaluated. */
    public static Dataset<Row> records(SparkSession spark, String bootstrapServers, TopicRange range,
            java.time.Duration timeout) {
        String ms = Long.toString(timeout.toMillis());
        return spark.read()
                .format("kafka")
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
