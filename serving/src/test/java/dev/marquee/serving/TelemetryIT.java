package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RecommendationEvent;
import dev.marquee.store.StoreLayout;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers logged to a real Kafka broker (devkit's LocalKafka), and a dead broker that must not hurt requests. */
class TelemetryIT {

    private static final String TOPIC = "movielog";

    @TempDir
    Path dir;

    private ServingConfig config(String bootstrap, int queueCapacity) {
        return new ServingConfig("127.0.0.1", 0, dir.resolve("store"), Duration.ofMillis(50), Duration.ZERO,
                Duration.ofSeconds(5), new TelemetryConfig(true, bootstrap, TOPIC, queueCapacity, Duration.ofMillis(100)));
    }

    @Test
    void everyAnswerBecomesOneParseableRecommendationRequestLine() throws Exception {
        StoreLayout layout = new StoreLayout(dir.resolve("store"));
        TestStores.publishAndPromote(layout, "v000001", 10);
        int n = 25;
        Map<Long, String> answers = new HashMap<>();
        int port;
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"))) {
            kafka.createTopic(TOPIC, 1);
            try (Service service = Service.start(config(kafka.bootstrapServers(), 1000))) {
                port = service.port();
                for (long id = 0; id < n; id++) {
                    HttpResponse<String> r = TestHttp.get(port, "/recommend/" + id);
                    assertEquals(200, r.statusCode());
                    answers.put(id, r.body());
                }
            } // close flushes the queue and the producer
            List<String> lines = consume(kafka, n);
            assertEquals(n, lines.size(), lines.toString());
            Map<Long, RecommendationEvent> byUser = new HashMap<>();
            for (String line : lines) {
                RecommendationEvent e = assertInstanceOf(RecommendationEvent.class,
                        assertInstanceOf(Parsed.class, EventParser.parse(line), line).event(), line);
                byUser.put(e.userId(), e);
            }
            assertEquals(answers.keySet(), byUser.keySet());
            for (var a : answers.entrySet()) {
                RecommendationEvent e = byUser.get(a.getKey());
                assertEquals(200, e.status());
                assertEquals(a.getValue(), e.result(), "the result is the ids as answered");
                assertEquals("127.0.0.1:" + port, e.server());
                assertTrue(e.latencyMs() >= 0);
            }
            assertEquals("movie+3+v000001,film+3", byUser.get(3L).result());
            assertEquals(String.join(",", TestStores.COLD_START), byUser.get(4L).result());
        }
    }

    @Test
    void aDeadBrokerDropsLinesButEveryRequestIsAnswered() throws Exception {
        StoreLayout layout = new StoreLayout(dir.resolve("store"));
        TestStores.publishAndPromote(layout, "v000001", 5);
        // Nothing listens on this port: the producer can never fetch metadata.
        String dead = "127.0.0.1:" + LocalKafka.freePort();
        try (Service service = Service.start(config(dead, 4))) {
            for (int i = 0; i < 60; i++) {
                HttpResponse<String> r = TestHttp.get(service.port(), "/recommend/" + (i % 12));
                assertEquals(200, r.statusCode(), r.body());
            }
            var registry = service.metrics().registry();
            TestHttp.await("drops counted", () -> registry.get("marquee.telemetry.dropped").counter().count() >= 1);
            assertEquals(0.0, registry.get("marquee.telemetry.sent").counter().count());
            String scrape = TestHttp.get(service.port(), "/metrics").body();
            assertTrue(scrape.contains("marquee_telemetry_dropped_total"), scrape);
        }
    }

    private static List<String> consume(LocalKafka kafka, int expected) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "telemetry-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            // Poll a little past the expected count so that a duplicate would be seen too.
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    got.add(r.value());
                }
                if (got.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        return got;
    }
}
