package dev.marquee.devkit.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.devkit.replay.TopicProducer;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real in-process broker: the synthetic platform's log goes in and comes back, in order per user. */
class LocalKafkaIT {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaIT.class);

    @TempDir
    static Path dataDir;
    private static LocalKafka kafka;

    @BeforeAll
    static void start() throws IOException {
        kafka = LocalKafka.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void synthethicLogRoundTripsInOrderPerUser() {
        kafka.createTopic("movielog", 4);
        SyntheticPlatform platform = SyntheticPlatform.generate(SynthConfig.defaults());
        long t0 = System.nanoTime();
        long sent = TopicProducer.produce(kafka.bootstrapServers(), "movielog", platform.lines());
        double seconds = (System.nanoTime() - t0) / 1e9;
        LOG.info("produced {} lines in {} s: {} lines/s", sent, String.format("%.2f", seconds),
                Math.round(sent / seconds));
        assertEquals(platform.eventCount(), sent);
        assertEquals(sent, kafka.endOffsetsTotal("movielog"));

        Map<String, List<String>> expected = new HashMap<>();
        platform.lines().forEachRemaining(l -> expected.computeIfAbsent(TopicProducerKeys.key(l),
                k -> new ArrayList<>()).add(l));
        Map<String, List<String>> actual = consumeAll("movielog", sent);
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            assertEquals(e.getValue(), actual.get(e.getKey()), "order of user " + e.getKey());
        }
    }

    @Test
    void producingToAMissingTopicFailsLoudly() {
        assertThrows(RuntimeException.class, () -> TopicProducer.produce(kafka.bootstrapServers(), "no-such-topic",
                List.of("2025-01-01T00:00:00,1,GET /create_account").iterator(),
                Map.of("max.block.ms", 3000, "delivery.timeout.ms", 3000, "request.timeout.ms", 2000)));
    }

    @Test
    void topicsAreCreatedWithTheirPartitions() {
        kafka.createTopic("three", 3);
        assertEquals(3, kafka.endOffsets("three").size());
        assertEquals(0, kafka.endOffsetsTotal("three"));
    }

    @Test
    void aFreePortIsOneThatCanBeBoundOnLoopback() throws IOException {
        for (int i = 0; i < 5; i++) {
            int port = LocalKafka.freePort();
            assertTrue(port >= 1024 && port <= 65535, "an unprivileged port: " + port);
            assertNotEquals(kafka.bootstrapServers(), "127.0.0.1:" + port, "not the broker's own port");
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, socket.getLocalPort());
            }
        }
    }

    private static Map<String, List<String>> consumeAll(String topic, long expected) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, List<String>> byKey = new HashMap<>();
        long got = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (got < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    assertEquals(TopicProducerKeys.key(r.value()), r.key());
                    byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    got++;
                }
            }
        }
        assertEquals(expected, got, "records consumed");
        return byKey;
    }

    /** The key a line is produced with: its user id field. */
    private static final class TopicProducerKeys {
        static String key(String line) {
            return line.split(",", 3)[1];
        }
    }
}
