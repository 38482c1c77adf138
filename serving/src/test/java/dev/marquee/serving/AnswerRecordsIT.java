package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RecommendationEvent;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.Http;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.StoreFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each answer becomes both the platform's "recommendation request" line (unchanged) and the
 * service's own answer record on the answers topic, on a real broker: key = user id, the store
 * version, the arm, the ids as served, cold start, latency and status, the time as an instant.
 */
class AnswerRecordsIT {

    private static final String LOG = "movielog";
    private static final String ANSWERS = "marquee-answers";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @TempDir
    Path dir;

    @Test
    void everyAnswerGivesTheLogLineAndAnAnswerRecordWithVersionArmAndIds() throws Exception {
        KAFKA.broker().createTopic(LOG, 1);
        KAFKA.broker().createTopic(ANSWERS, 2);
        StoreLayout layout = new StoreLayout(dir.resolve("store"));
        TelemetryConfig telemetry = new TelemetryConfig(true, KAFKA.bootstrapServers(), LOG, 1000, Duration.ofMillis(100))
                .withAnswersTopic(ANSWERS);
        ServingConfig config = new ServingConfig("127.0.0.1", 0, layout.root(), Duration.ofMillis(50), Duration.ZERO,
                Duration.ofSeconds(5), telemetry);
        Instant before = Instant.now();
        Map<Long, String> bodies = new HashMap<>();
        try (Service service = Service.start(config)) {
            assertEquals(503, Http.get(service.port(), "/recommend/7").statusCode(), "no version yet");
            StoreFixture.publishAndPromote(layout, "v000001", 10);
            service.versions().checkNow();
            for (long id : new long[] {3, 4, 5}) {
                HttpResponse<String> r = Http.get(service.port(), "/recommend/" + id);
                assertEquals(200, r.statusCode(), r.body());
                bodies.put(id, r.body());
            }
            assertEquals(400, Http.get(service.port(), "/recommend/x").statusCode());
        } // close flushes the queue and the producer
        Instant after = Instant.now();

        List<String> lines = KAFKA.readLines(LOG, 4);
        assertEquals(4, lines.size(), "one platform line per answer, none for the 400: " + lines);
        for (String line : lines) {
            assertInstanceOf(RecommendationEvent.class, assertInstanceOf(Parsed.class, EventParser.parse(line), line).event());
        }

        List<ConsumerRecord<String, String>> records = read(ANSWERS, 4);
        assertEquals(4, records.size(), records.toString());
        Map<Long, JsonNode> byUser = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode a = JSON.readTree(r.value());
            assertEquals(r.key(), a.get("user").asText(), "the key is the user id");
            Instant time = Instant.parse(a.get("time").asText());
            assertTrue(a.get("time").asText().endsWith("Z"), a.toString());
            assertTrue(!time.isBefore(before.minusMillis(1)) && !time.isAfter(after), "answer instant: " + time);
            assertEquals("main", a.get("arm").asText());
            assertTrue(a.get("latencyMs").isDouble() && a.get("latencyMs").asDouble() >= 0
                    && a.get("latencyMs").asDouble() < 5_000, a.toString());
            byUser.put(a.get("user").asLong(), a);
        }
        JsonNode notReady = byUser.get(7L);
        assertEquals(503, notReady.get("status").asInt());
        assertTrue(notReady.get("version").isNull(), notReady.toString());
        assertEquals(0, notReady.get("movies").size());
        for (long id : new long[] {3, 4, 5}) {
            JsonNode a = byUser.get(id);
            assertEquals(200, a.get("status").asInt());
            assertEquals("v000001", a.get("version").asText());
            List<String> movies = new ArrayList<>();
            a.get("movies").forEach(m -> movies.add(m.asText()));
            assertEquals(bodies.get(id), String.join(",", movies), "the ids as served, in order");
            boolean coldStart = movies.equals(StoreFixture.COLD_START);
            assertEquals(coldStart, a.get("coldStart").asBoolean(), a.toString());
        }
        assertEquals(StoreFixture.moviesOf("v000001", 3), listOf(byUser.get(3L)));
        assertTrue(byUser.get(4L).get("coldStart").asBoolean(), "user 4 is not in the fixture: cold start");
    }

    @Test
    void anEmptyAnswersTopicWritesOnlyTheLogLine() {
        TelemetryConfig off = new TelemetryConfig(true, "k:9092", LOG, 10, Duration.ofMillis(100));
        assertTrue(!off.answersEnabled());
        assertTrue(off.withAnswersTopic(ANSWERS).answersEnabled());
        assertTrue(!off.withAnswersTopic(" ").answersEnabled());
    }

    private static List<String> listOf(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("movies").forEach(m -> out.add(m.asText()));
        return out;
    }

    private static List<ConsumerRecord<String, String>> read(String topic, int expected) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "answers-it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            // Until the expected records came, then one more poll that must bring no extra one.
            while (got.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(got::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(got::add);
        }
        return got;
    }
}
