package dev.marquee.bench;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.drift.DriftMonitor;
import dev.marquee.batch.ingest.Ingestion;
import dev.marquee.batch.ingest.TopicRange;
import dev.marquee.batch.ingest.TopicReader;
import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.devkit.sim.SimConfig;
import dev.marquee.devkit.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * How fast a nightly run ingests: simulates a platform's log into a local broker, reads it once to
 * warm the JVM, then times (1) a bare Spark read of the topic range that counts its records, the
 * baseline, (2) the same read landing each record's text, partition and offset in Parquet as they are
 * (no parse: what any ingestion that keeps the records pays at the least), (3) the floor of any checked
 * ingestion into Parquet: the same read, each record parsed and written once, nothing else, and (4) the run's whole ingestion as the night runs it: parse, checks,
 * duplicates, lake and quarantine Parquet, report, drift summary and check, commit. The last line is
 * {@code events_per_s=<n> ingest_vs_read=<ingestion / bare read> ingest_vs_floor=<ingestion / floor>}.
 *
 * <p>Arguments: {@code [events=10000000] [users=1000000] [movies=27000] [workDir=var/bench-ingest]}.
 */
public final class IngestBench {
    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int movies = args.length > 2 ? Integer.parseInt(args[2]) : 27_000;
        Path work = Path.of(args.length > 3 ? args[3] : "var/bench-ingest");
        delete(work);
        String topic = "movielog";
        try (LocalKafka kafka = LocalKafka.start(work.resolve("kafka"))) {
            kafka.createTopic(topic, 2);
            Simulation.Report produced = Simulation.toTopic(SimConfig.of(users, movies, events), kafka.bootstrapServers(),
                    topic, Double.POSITIVE_INFINITY);
            System.out.println("produced: " + produced.describe());

            BatchConfig config = BatchConfig.load(ConfigFactory.parseMap(Map.of(
                    "marquee.batch.kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "marquee.batch.kafka.topic", topic,
                    "marquee.batch.lake.root", work.resolve("lake").toString(),
                    "marquee.batch.store.root", work.resolve("store").toString())).withFallback(ConfigFactory.load()));
            SparkSession spark = SparkSessions.create(config);
            try {
                TopicRange range = TopicRange.wholeTopic(kafka.bootstrapServers(), topic);
                bareRead(spark, kafka.bootstrapServers(), range); // warms the JVM, so that no figure below pays for it
                long t0 = System.nanoTime();
                long counted = bareRead(spark, kafka.bootstrapServers(), range);
                double baseline = (System.nanoTime() - t0) / 1e9;
                // What landing the records costs with no parse at all: their text, partition and offset, as Parquet.
                long tr = System.nanoTime();
                TopicReader.records(spark, kafka.bootstrapServers(), range, java.time.Duration.ofMinutes(2)).write()
                        .parquet(work.resolve("raw").toString());
                double raw = (System.nanoTime() - tr) / 1e9;
                // The floor of any checked ingestion into Parquet: read, parse and write, nothing else.
                long tf = System.nanoTime();
                TopicReader.read(spark, kafka.bootstrapServers(), range, Ingestion.eventRows(config, java.time.Instant.now()))
                        .write().parquet(work.resolve("floor").toString());
                double floor = (System.nanoTime() - tf) / 1e9;

                long t1 = System.nanoTime();
                // As the night runs it: with the drift check (a summary of the run's events) before the commit.
                Ingestion.Result result = new Ingestion(spark, config)
                        .check(new DriftMonitor(config.drift(), config.lakeRoot())).run(() -> { });
                double ingest = (System.nanoTime() - t1) / 1e9;
                long records = result.report().records();
                if (records != counted) {
                    throw new IllegalStateException("ingested " + records + " records but the topic range holds " + counted);
                }
                System.out.printf("records=%d rejected=%d cores=%d%n", records, result.report().rejected(),
                        Runtime.getRuntime().availableProcessors());
                System.out.printf("baseline (bare Spark read + count): %.1f s, %.0f records/s%n", baseline, counted / baseline);
                System.out.printf("raw landing (bare read, each record's text written to Parquet, no parse): %.1f s, %.2fx the bare read%n",
                        raw, raw / baseline);
                System.out.printf("floor (bare read, parse, one Parquet write): %.1f s, %.2fx the bare read%n", floor,
                        floor / baseline);
                System.out.printf("ingestion (parse, checks, duplicates, lake, quarantine, report, drift, commit): %.1f s%n", ingest);
                System.out.printf("ratio ingest/baseline throughput=%.3f%n", baseline / ingest);
                System.out.printf("lake size on disk=%d MB%n", size(work.resolve("lake")) / (1024 * 1024));
                System.out.printf("events_per_s=%.0f ingest_vs_read=%.2f ingest_vs_floor=%.2f%n", records / ingest,
                        ingest / baseline, ingest / floor);
            } finally {
                spark.stop();
            }
        } finally {
            delete(work);
        }
    }

    /** Counts the range's records through Spark's Kafka source, doing nothing else with them. */
    private static long bareRead(SparkSession spark, String bootstrap, TopicRange range) {
        return spark.read().format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", range.topic())
                .option("startingOffsets", range.startingOffsetsJson()).option("endingOffsets", range.endingOffsetsJson())
                .load().count();
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
