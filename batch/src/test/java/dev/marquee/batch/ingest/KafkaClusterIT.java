package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.devkit.broker.LocalKafkaCluster;
import dev.marquee.devkit.broker.TopicLines;
import dev.marquee.devkit.replay.TopicProducer;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.events.AccountEvent;
import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.SparkExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion from a real three-node Kafka cluster (devkit's {@link LocalKafkaCluster}: KRaft, every node
 * broker and controller, the topic and the internal ones with three replicas, min.insync.replicas 2),
 * produced to with acks=all. One broker, the leader of a partition, is shut down after the run fixed its
 * offsets and before it read them: the run either commits exactly the events produced, or fails with
 * nothing committed and the re-run (the broker still down) commits them; either way the lake holds each
 * produced event exactly once. Three rounds stop the leaders of partitions 0, 1 and 2, three different
 * brokers, and each commits the same offsets and the same events. A fourth stops a partition's leader
 * from inside the Spark task that is reading that partition, half-way through it.
 */
@ExtendWith(SparkExtension.class)
class KafkaClusterIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterIT.class);
    private static final String TOPIC = "movielog";
    private static final int BROKERS = 3;

    @TempDir
    static Path kafkaDir;
    private static LocalKafkaCluster cluster;
    private static final List<String> LOG_LINES = new ArrayList<>();

    @BeforeAll
    static void startTheClusterAndProduce() {
        cluster = LocalKafkaCluster.start(kafkaDir, BROKERS);
        cluster.createTopic(TOPIC, BROKERS);
        SyntheticPlatform.generate(new SynthConfig(150, 60, 6, 15, 9L)).lines().forEachRemaining(LOG_LINES::add);
        assertEquals(LOG_LINES.size(), TopicProducer.produce(cluster.bootstrapServers(), TOPIC, LOG_LINES.iterator()));
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theTopicAndTheInternalOnesAreReplicatedOnEveryBroker() throws Exception {
        // A consumer group: this read also creates the offsets topic.
        List<String> read = TopicLines.read(cluster.bootstrapServers(), TOPIC, LOG_LINES.size(), Duration.ofSeconds(60));
        assertEquals(sorted(LOG_LINES), sorted(read), "the topic holds every produced line once");
        for (String topic : List.of(TOPIC, "__consumer_offsets")) {
            for (TopicPartitionInfo p : cluster.describe(topic).partitions()) {
                assertEquals(BROKERS, p.replicas().size(), topic + " replicas: " + p);
            }
            cluster.awaitInSync(topic); // every replica in sync (within a minute, should a test before restart a node)
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
        assertEquals("2", cluster.admin().describeConfigs(List.of(resource)).all().get().get(resource)
                .get("min.insync.replicas").value());
    }

    @Test
    void theProducerWaitsForTheInSyncReplicas() throws Exception {
        // Two replicas, on nodes 1 and 2; with node 2 stopped, one in sync: one below min.insync.replicas.
        cluster.admin().createTopics(List.of(new NewTopic("acks", Map.of(0, List.of(1, 2)))
                .configs(Map.of("min.insync.replicas", "2")))).all().get();
        cluster.stop(2);
        try {
            Await.until("node 2 out of acks' in-sync replicas", Duration.ofSeconds(30),
                    () -> cluster.describe("acks").partitions().get(0).isr().size() == 1);
            Map<String, Object> quick = Map.of("delivery.timeout.ms", 3000, "request.timeout.ms", 1000);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () ->
                    TopicProducer.produce(cluster.bootstrapServers(), "acks", LOG_LINES.subList(0, 1).iterator(), quick));
            LOG.info("acks=all with one replica in sync: {}", refused.getMessage());
            Map<String, Object> leaderOnly = new HashMap<>(quick);
            leaderOnly.putAll(Map.of("acks", "1", "enable.idempotence", false));
            assertEquals(1, TopicProducer.produce(cluster.bootstrapServers(), "acks", LOG_LINES.subList(0, 1).iterator(),
                    leaderOnly), "the leader alone takes it with acks=1: acks=all is what refused it");
        } finally {
            cluster.restart(2);
            cluster.awaitInSync(TOPIC);
        }
    }

    @Test
    void ingestionCommitsEveryEventOnceWhicheverPartitionLeaderStops(SparkSession spark, @TempDir Path tmp) {
        List<String> expected = sorted(LOG_LINES.stream().map(KafkaClusterIT::key).toList());
        Set<Integer> stopped = new TreeSet<>();
        SortedMap<Integer, OffsetRange> firstOffsets = null;
        for (int partition = 0; partition < BROKERS; partition++) {
            cluster.electPreferredLeaders(TOPIC);
            int victim = cluster.leader(TOPIC, partition);
            BatchConfig config = BatchSettings.under(tmp.resolve("round-" + partition))
                    .kafka(cluster.bootstrapServers(), TOPIC).ratings(1, 5)
                    .set("marquee.batch.kafka.timeout", "30s").load(BatchConfig::load);
            LakeLayout lake = new LakeLayout(config.lakeRoot());
            long t0 = System.nanoTime();
            Ingestion.Result result = ingestStopping(spark, config, victim);
            LOG.info("round {}: broker {} (leader of partition {}) stopped; committed in {} ms", partition, victim,
                    partition, (System.nanoTime() - t0) / 1_000_000);

            assertTrue(result.commit().isPresent(), "committed");
            assertEquals(LOG_LINES.size(), result.report().records(), "records read");
            assertEquals(0, result.report().rejected(), "rejected: " + result.report().rejectedByReason());
            List<IngestCommit> commits = new IngestLedger(lake).commits();
            assertEquals(1, commits.size(), "one commit");
            SortedMap<Integer, OffsetRange> offsets = commits.get(0).offsets();
            assertEquals(Set.of(0, 1, 2), offsets.keySet(), "every partition");
            assertEquals(LOG_LINES.size(), offsets.values().stream().mapToLong(r -> r.until() - r.from()).sum());
            assertTrue(offsets.values().stream().allMatch(r -> r.from() == 0), "from the start: " + offsets);
            List<Row> events = LakeReader.events(spark, lake, commits).collectAsList();
            assertEquals(expected, sorted(events.stream().map(KafkaClusterIT::key).toList()), "every event, once");
            assertEquals(LOG_LINES.size(), events.stream().map(r -> r.getAs("partition") + "@" + r.getAs("offset"))
                    .distinct().count(), "every record, once");
            if (firstOffsets == null) {
                firstOffsets = offsets;
            }
            assertEquals(firstOffsets, offsets, "the same commit whichever broker stopped");
            stopped.add(victim);
            cluster.restart(victim);
            cluster.awaitInSync(TOPIC);
        }
        assertEquals(Set.of(1, 2, 3), stopped, "each round stopped another broker");
    }

    /** Where the read was when the probe stopped the broker, and how many of that partition's records it parsed after. */
    private static final AtomicReference<String> STOPPED_AT = new AtomicReference<>();
    private static final AtomicLong READ_AFTER_STOP = new AtomicLong();

    /**
     * Stops {@code victim} from inside the Spark task that parses {@code partition}, when it reaches
     * {@code offset}: the task waits for the controlled shutdown, then goes on reading the partition,
     * whose later records are not fetched yet (the consumer fetches about 1 KB at a time).
     */
    private record StopMidRead(int victim, int partition, long offset) implements TopicReader.ReadProbe {
        @Override
        public void read(int p, long o) {
            if (p != partition) {
                return;
            }
            if (o == offset && STOPPED_AT.get() == null) {
                cluster.stop(victim);
                STOPPED_AT.set("offset " + o + " of partition " + p + " in Spark task "
                        + (TaskContext.get() == null ? "none" : TaskContext.get().taskAttemptId()));
            } else if (o > offset && STOPPED_AT.get() != null) {
                READ_AFTER_STOP.incrementAndGet();
            }
        }
    }

    @Test
    void aLeaderStoppedInTheMiddleOfSparksReadLosesAndDoublesNothing(SparkSession spark, @TempDir Path tmp) {
        String topic = "midread";
        cluster.createTopic(topic, BROKERS);
        // Small record batches, so that the read has to fetch again after the stop.
        assertEquals(LOG_LINES.size(), TopicProducer.produce(cluster.bootstrapServers(), topic, LOG_LINES.iterator(),
                Map.of("batch.size", 1024, "linger.ms", 0)));
        cluster.electPreferredLeaders(topic);
        int victim = cluster.leader(topic, 0);
        long end = TopicRange.wholeTopic(cluster.bootstrapServers(), topic).until().get(0);
        long middle = end / 2;
        BatchConfig config = BatchSettings.under(tmp).kafka(cluster.bootstrapServers(), topic).ratings(1, 5)
                .set("marquee.batch.kafka.timeout", "30s")
                .set("marquee.batch.kafka.consumer.max.partition.fetch.bytes", "1024").load(BatchConfig::load);
        STOPPED_AT.set(null);
        READ_AFTER_STOP.set(0);
        Ingestion.Result result;
        boolean firstRunCommitted;
        try {
            try {
                result = new Ingestion(spark, config).probe(new StopMidRead(victim, 0, middle)).run(() -> { });
                firstRunCommitted = true;
            } catch (IllegalStateException e) {
                LOG.warn("the run whose read lost broker {} failed: {}", victim, e.getMessage());
                assertTrue(e.getMessage().contains("nothing was committed"), e.getMessage());
                assertEquals(List.of(), new IngestLedger(new LakeLayout(config.lakeRoot())).commits(), "nothing committed");
                result = new Ingestion(spark, config).run(() -> { });
                firstRunCommitted = false;
            }
            LOG.info("broker {} stopped at {}; {} later records of the partition parsed after it; first run committed: {}",
                    victim, STOPPED_AT.get(), READ_AFTER_STOP.get(), firstRunCommitted);
            assertTrue(STOPPED_AT.get() != null && !STOPPED_AT.get().endsWith("none"),
                    "the broker was stopped inside a Spark task of the read: " + STOPPED_AT.get());
            if (firstRunCommitted) {
                assertEquals(end - middle - 1, READ_AFTER_STOP.get(),
                        "the rest of the partition was read after its leader stopped");
            }
            assertTrue(result.commit().isPresent(), "committed");
            assertEquals(LOG_LINES.size(), result.report().records(), "records read");
            assertEquals(0, result.report().rejected(), "rejected: " + result.report().rejectedByReason());
            LakeLayout lake = new LakeLayout(config.lakeRoot());
            List<IngestCommit> commits = new IngestLedger(lake).commits();
            assertEquals(1, commits.size(), "one commit");
            List<Row> events = LakeReader.events(spark, lake, commits).collectAsList();
            assertEquals(sorted(LOG_LINES.stream().map(KafkaClusterIT::key).toList()),
                    sorted(events.stream().map(KafkaClusterIT::key).toList()), "every event, once");
        } finally {
            cluster.restart(victim);
            cluster.awaitInSync(topic);
            cluster.awaitInSync(TOPIC);
        }
    }

    /** A run with {@code victim} stopped once its offsets are fixed; if it fails, the re-run, the broker still down. */
    private static Ingestion.Result ingestStopping(SparkSession spark, BatchConfig config, int victim) {
        try {
            Ingestion.Result result = new Ingestion(spark, config).run(() -> cluster.stop(victim), () -> { });
            LOG.info("the run with broker {} stopping committed", victim);
            return result;
        } catch (IllegalStateException e) {
            LOG.warn("the run with broker {} stopping failed: {}", victim, e.getMessage());
            assertTrue(e.getMessage().contains("nothing was committed"), e.getMessage());
            assertEquals(List.of(), new IngestLedger(new LakeLayout(config.lakeRoot())).commits(), "nothing committed");
            return new Ingestion(spark, config).run(() -> { });
        }
    }

    /** An event's identity as the lake stores it: kind, user, movie, rating, minute, time. */
    private static String key(String line) {
        Event e = ((Parsed) EventParser.parse(line)).event();
        String kind = e instanceof RateEvent ? EventRows.RATE : e instanceof WatchEvent ? EventRows.WATCH
                : e instanceof AccountEvent ? EventRows.ACCOUNT : EventRows.RECOMMENDATION;
        String movie = e instanceof RateEvent r ? r.movieId() : e instanceof WatchEvent w ? w.movieId() : null;
        Integer rating = e instanceof RateEvent r ? r.rating() : null;
        Integer minute = e instanceof WatchEvent w ? w.minute() : null;
        return String.join("|", kind, String.valueOf(e.userId()), movie, String.valueOf(rating), String.valueOf(minute),
                String.valueOf(e.time()));
    }

    private static String key(Row r) {
        return String.join("|", r.<String>getAs("kind"), String.valueOf(r.<Long>getAs("user")), r.<String>getAs("movie"),
                String.valueOf(r.<Integer>getAs("rating")), String.valueOf(r.<Integer>getAs("minute")),
                String.valueOf(r.<Object>getAs("time")));
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
