package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.store.StoreLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer record's exact form, through the telemetry thread into a mock producer (no broker). */
class AnswerRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-06-30T23:30:00.250Z");

    @TempDir
    Path dir;

    @Test
    void theLineGoesToTheLogAndTheRecordToTheAnswersTopicKeyedByUser() throws Exception {
        MockProducer<String, String> producer = new MockProducer<>(true, new StringSerializer(), new StringSerializer());
        TelemetryConfig config = new TelemetryConfig(true, "k:9092", "movielog", 10, Duration.ofMillis(100),
                ZoneId.of("Asia/Tokyo"), "answers");
        try (VersionManager versions = new VersionManager(new StoreLayout(dir), Duration.ofSeconds(1))) {
            ServingMetrics metrics = new ServingMetrics(versions);
            Telemetry telemetry = new Telemetry(config, producer, metrics, Clock.fixed(NOW, ZoneId.of("UTC")));
            byte[] value = "a+1999,b+2000\u0000scores".getBytes(StandardCharsets.UTF_8);
            telemetry.offer(42, 200, value, 13, 1_500_000, "v000003", "main", true);
            telemetry.offer(7, 503, null, 0, 250_000, null, "main", false);
            telemetry.close();
            assertEquals(2.0, metrics.answersSent().count());
            assertEquals(0.0, metrics.answersDropped().count());
        }
        assertEquals(4, producer.history().size());
        ProducerRecord<String, String> line = producer.history().get(0);
        assertEquals("movielog", line.topic());
        assertTrue(line.value().startsWith("2025-07-01T08:30:00"), "the log line keeps the platform zone's wall time");
        ProducerRecord<String, String> record = producer.history().get(1);
        assertEquals("answers", record.topic());
        assertEquals("42", record.key());
        JsonNode a = JSON.readTree(record.value());
        assertEquals("2025-06-30T23:30:00.250Z", a.get("time").asText(), "an instant in UTC, not a wall time");
        assertEquals(42, a.get("user").asLong());
        assertEquals("v000003", a.get("version").asText());
        assertEquals("main", a.get("arm").asText());
        assertEquals("[\"a+1999\",\"b+2000\"]", a.get("movies").toString(), "the text prefix only, in order");
        assertTrue(a.get("coldStart").asBoolean());
        assertEquals(1.5, a.get("latencyMs").asDouble());
        assertEquals(200, a.get("status").asInt());
        JsonNode notReady = JSON.readTree(producer.history().get(3).value());
        assertTrue(notReady.get("version").isNull());
        assertEquals(0, notReady.get("movies").size());
        assertEquals(503, notReady.get("status").asInt());
        assertEquals(0.25, notReady.get("latencyMs").asDouble());
    }

    @Test
    void theAnswersTopicMustNotBeTheLogs() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TelemetryConfig(true, "k:9092", "movielog", 10, Duration.ofMillis(100), ZoneId.of("UTC"),
                        "movielog"));
        assertTrue(e.getMessage().contains("answers-topic"), e.getMessage());
    }
}
