package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.devkit.broker.TopicLines;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RecommendationEvent;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.Http;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.StoreFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Answers logged to a real Kafka broker (devkit's LocalKafka), and a dead broker that must not hurt requests. */
class TelemetryIT {

    private static final String TOPIC = "movielog";

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @TempDir
    Path dir;

    private ServingConfig config(String bootstrap, int queueCapacity) {
        return new ServingConfig("127.0.0.1", 0, dir.resolve("store"), Duration.ofMillis(50), Duration.ZERO,
                Duration.ofSeconds(5), new TelemetryConfig(true, bootstrap, TOPIC, queueCapacity, Duration.ofMillis(100)));
    }

    @Test
    void everyAnswerBecomesOneParseableRecommendationRequestLine() throws Exception {
        StoreLayout layout = new StoreLayout(dir.resolve("store"));
        StoreFixture.publishAndPromote(layout, "v000001", 10);
        int n = 25;
        Map<Long, String> answers = new HashMap<>();
        int port;
        KAFKA.broker().createTopic(TOPIC, 1);
        try (Service service = Service.start(config(KAFKA.bootstrapServers(), 1000))) {
            port = service.port();
            for (long id = 0; id < n; id++) {
                HttpResponse<String> r = Http.get(port, "/recommend/" + id);
                assertEquals(200, r.statusCode());
                answers.put(id, r.body());
            }
        } // close flushes the queue and the producer
        List<String> lines = KAFKA.readLines(TOPIC, n);
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
            assertTrue(e.latencyMs() >= 0 && e.latencyMs() < 5_000, "latency in ms, not ns: " + e.latencyMs());
        }
        assertEquals("movie+3+v000001,film+3", byUser.get(3L).result());
        assertEquals(String.join(",", StoreFixture.COLD_START), byUser.get(4L).result());
    }

    @Test
    void aDeadBrokerDropsLinesButEveryRequestIsAnswered() throws Exception {
        StoreLayout layout = new StoreLayout(dir.resolve("store"));
        StoreFixture.publishAndPromote(layout, "v000001", 5);
        // Nothing listens on this port: the producer can never fetch metadata.
        String dead = "127.0.0.1:" + LocalKafka.freePort();
        try (Service service = Service.start(config(dead, 4))) {
            for (int i = 0; i < 60; i++) {
                HttpResponse<String> r = Http.get(service.port(), "/recommend/" + (i % 12));
                assertEquals(200, r.statusCode(), r.body());
            }
            var registry = service.metrics().registry();
            Await.until("drops counted", () -> registry.get("marquee.telemetry.dropped").counter().count() >= 1);
            assertEquals(0.0, registry.get("marquee.telemetry.sent").counter().count());
            String scrape = Http.get(service.port(), "/metrics").body();
            assertTrue(scrape.contains("marquee_telemetry_dropped_total"), scrape);
        }
    }

    @Test
    void aBrokerThatDiesAndComesBackGetsTelemetryAgainWhileEveryAnswerStays200() throws Exception {
        StoreLayout layout = new StoreLayout(dir.resolve("store"));
        StoreFixture.publishAndPromote(layout, "v000001", 5);
        int port = LocalKafka.freePort();
        Path data = dir.resolve("restarting-kafka");
        LocalKafka kafka = LocalKafka.start(data, port);
        try (Service service = Service.start(config(kafka.bootstrapServers(), 1000))) {
            kafka.createTopic(TOPIC, 1);
            var registry = service.metrics().registry();
            var sent = registry.get("marquee.telemetry.sent").counter();
            var dropped = registry.get("marquee.telemetry.dropped").counter();
            answer(service, 10);
            Await.until("the first lines sent", () -> sent.count() >= 10);

            kafka.close();
            long slowest = answer(service, 40);
            assertTrue(slowest < 1_000, "answers stay fast with the broker gone: slowest " + slowest + " ms");
            Await.until("lines dropped while the broker is gone", Duration.ofSeconds(40), () -> dropped.count() >= 1);
            double sentWhileDown = sent.count();

            kafka = LocalKafka.start(data, port);
            Await.until("telemetry resuming by itself", Duration.ofSeconds(60), () -> {
                answer(service, 2);
                return sent.count() >= sentWhileDown + 5;
            });
        } finally {
            kafka.close();
        }
        try (LocalKafka back = LocalKafka.start(data, port)) {
            List<String> lines = TopicLines.read(back.bootstrapServers(), TOPIC, 15, Duration.ofSeconds(30));
            assertTrue(lines.size() >= 15, "lines from before and after the outage are on the topic: " + lines.size());
        }
    }

    /** {@code n} requests, each answered 200; returns the slowest in ms. */
    private static long answer(Service service, int n) throws Exception {
        long slowest = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = Http.get(service.port(), "/recommend/" + (i % 12));
            assertEquals(200, r.statusCode(), r.body());
            slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
        }
        return slowest;
    }
}
