package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.typesafe.config.ConfigFactory;
import dev.marquee.events.EventParser;
import dev.marquee.events.LogTimes;
import dev.marquee.events.Parsed;
import dev.marquee.events.RecommendationEvent;
import dev.marquee.store.StoreLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A telemetry line's time is the platform zone's wall time, whatever the JVM's zone (issue 12): the
 * batch job reads the lines in its platform-zone and rejects times after its "now" as time_in_future,
 * so a pod east of the platform zone stamping its own wall time had its lines thrown away. The JVM's
 * default zone is not changed here: the platform zone is chosen far from it, and the clock is fixed.
 */
class TelemetryZoneTest {

    private static final Instant NOW = Instant.parse("2025-06-30T23:30:00.250Z");

    @TempDir
    Path dir;

    /** Stamps one answer at {@link #NOW} and returns the line's event. */
    private RecommendationEvent stamp(TelemetryConfig config, Clock clock) {
        MockProducer<String, String> producer = new MockProducer<>(true, new StringSerializer(), new StringSerializer());
        try (VersionManager versions = new VersionManager(new StoreLayout(dir), Duration.ofSeconds(1))) {
            Telemetry telemetry = new Telemetry(config, producer, new ServingMetrics(versions), clock);
            telemetry.offer(42, 200, "a+1999,b+2000".getBytes(StandardCharsets.UTF_8), 13, 2_000_000, "v000001", "main", false);
            telemetry.close(); // drains the queue
        }
        assertEquals(1, producer.history().size());
        String line = producer.history().get(0).value();
        return assertInstanceOf(RecommendationEvent.class,
                assertInstanceOf(Parsed.class, EventParser.parse(line), line).event(), line);
    }

    private static TelemetryConfig config(ZoneId platformZone) {
        return new TelemetryConfig(true, "k:9092", "movielog", 10, Duration.ofMillis(100), platformZone);
    }

    @Test
    void theLinesTimeIsTheWallTimeInThePlatformZoneNotTheJvmsZone() {
        ZoneId jvm = ZoneId.systemDefault();
        // 11 to 14 hours away from the JVM's zone, on whichever side is farther.
        ZoneId platform = jvm.getRules().getOffset(NOW).getTotalSeconds() >= 0
                ? ZoneId.of("Pacific/Pago_Pago") : ZoneId.of("Pacific/Kiritimati");
        RecommendationEvent e = stamp(config(platform), Clock.fixed(NOW, jvm));
        assertEquals(LogTimes.wallTime(NOW, platform), e.time());
        assertNotEquals(LocalDateTime.ofInstant(NOW, jvm), e.time(), "not the JVM's wall time");
        assertEquals(42, e.userId());
        assertEquals("a+1999,b+2000", e.result());
    }

    @Test
    void aPodFarEastOfTheDefaultPlatformZoneStampsUtcAsTheBatchJobReadsIt() {
        // The clock of a pod in UTC+14; the platform zone as reference.conf sets it (batch's default too).
        ZoneId configured = ServingConfig.load(ConfigFactory.parseString(
                "marquee.serving.telemetry.bootstrap-servers = \"k:9092\"").withFallback(ConfigFactory.defaultReference())
                .resolve()).telemetry().platformZone();
        if (System.getenv("MARQUEE_PLATFORM_ZONE") == null
                && System.getenv("MARQUEE_SERVING_TELEMETRY_PLATFORM_ZONE") == null) {
            assertEquals(ZoneId.of("UTC"), configured);
        }
        RecommendationEvent e = stamp(config(ZoneOffset.UTC), Clock.fixed(NOW, ZoneId.of("Pacific/Kiritimati")));
        // The batch job's "now" for the same instant (LogTimes.wallTime in its platform-zone, UTC):
        // the line is exactly at it, so within any future tolerance; the pod's own wall time was 14 h later.
        assertEquals(LocalDateTime.of(2025, 6, 30, 23, 30, 0, 250_000_000), e.time());
        assertEquals(LogTimes.wallTime(NOW, ZoneOffset.UTC), e.time());
    }
}
