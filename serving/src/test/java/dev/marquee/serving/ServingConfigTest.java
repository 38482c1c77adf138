package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.marquee.serving.fresh.FreshConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServingConfigTest {

    @Test
    void defaultsComeFromReferenceConf() {
        ServingConfig c = ServingConfig.load(ConfigFactory.defaultReference());
        // The defaults, unless the test environment sets the env vars.
        if (System.getenv("MARQUEE_SERVING_PORT") == null) {
            assertEquals(8082, c.port());
        }
        if (System.getenv("MARQUEE_SERVING_HOST") == null) {
            assertEquals("0.0.0.0", c.host());
        }
        if (System.getenv("MARQUEE_SERVING_POLL_INTERVAL") == null) {
            assertEquals(Duration.ofSeconds(1), c.pollInterval());
        }
        if (System.getenv("MARQUEE_SERVING_STORE_ROOT") == null) {
            assertEquals(Path.of("var/store"), c.storeRoot());
        }
    }

    @Test
    void systemPropertiesOverrideDefaults() {
        System.setProperty("marquee.serving.port", "9001");
        System.setProperty("marquee.serving.poll-interval", "250ms");
        try {
            ConfigFactory.invalidateCaches();
            ServingConfig c = ServingConfig.load(ConfigFactory.load());
            assertEquals(9001, c.port());
            assertEquals(Duration.ofMillis(250), c.pollInterval());
        } finally {
            System.clearProperty("marquee.serving.port");
            System.clearProperty("marquee.serving.poll-interval");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void validates() {
        assertThrows(IllegalArgumentException.class, () -> ServingConfig.load(with("port = 65536")));
        assertThrows(IllegalArgumentException.class, () -> ServingConfig.load(with("port = -1")));
        assertThrows(IllegalArgumentException.class, () -> ServingConfig.load(with("port = eighty")));
        assertThrows(IllegalArgumentException.class, () -> ServingConfig.load(with("store-root = \"  \"")));
        assertThrows(IllegalArgumentException.class, () -> ServingConfig.load(with("poll-interval = 0s")));
        assertEquals(0, ServingConfig.load(with("port = 0")).port());
    }

    @Test
    void telemetryIsOnExactlyWhenBootstrapServersAreSetUnlessSaidOtherwise() {
        if (System.getenv("MARQUEE_SERVING_TELEMETRY_BOOTSTRAP_SERVERS") == null
                && System.getenv("MARQUEE_SERVING_TELEMETRY_ENABLED") == null) {
            assertFalse(ServingConfig.load(with("")).telemetry().enabled());
        }
        TelemetryConfig t = ServingConfig.load(with("telemetry.bootstrap-servers = \"k:9092\"")).telemetry();
        assertTrue(t.enabled());
        assertEquals("k:9092", t.bootstrapServers());
        assertEquals("movielog", t.topic());
        assertEquals(10_000, t.queueCapacity());
        assertEquals(Duration.ofMillis(100), t.maxBlock());
        if (System.getenv("MARQUEE_PLATFORM_ZONE") == null
                && System.getenv("MARQUEE_SERVING_TELEMETRY_PLATFORM_ZONE") == null) {
            assertEquals(java.time.ZoneId.of("UTC"), t.platformZone(), "the same default as batch's platform-zone");
        }
        assertEquals(java.time.ZoneId.of("Pacific/Kiritimati"), ServingConfig.load(with(
                "telemetry { bootstrap-servers = \"k:9092\", platform-zone = \"Pacific/Kiritimati\" }"))
                .telemetry().platformZone());
        assertThrows(IllegalArgumentException.class, () -> ServingConfig.load(with(
                "telemetry.platform-zone = \"Mars/Olympus\"")));
        assertFalse(ServingConfig.load(with("telemetry { bootstrap-servers = \"k:9092\", enabled = false }"))
                .telemetry().enabled());
        assertThrows(IllegalArgumentException.class, () -> ServingConfig.load(with("telemetry.enabled = true, "
                + "telemetry.bootstrap-servers = \"\"")));
        assertThrows(IllegalArgumentException.class, () -> ServingConfig.load(with("telemetry.queue-capacity = 0")));
    }

    @Test
    void freshAnswersFollowTheTelemetrysBrokerUnlessToldOtherwise() {
        if (System.getenv().keySet().stream().noneMatch(k -> k.startsWith("MARQUEE_SERVING_FRESH_")
                || k.startsWith("MARQUEE_SERVING_TELEMETRY_"))) {
            assertFalse(ServingConfig.load(with("")).fresh().enabled());
            FreshConfig f = ServingConfig.load(with("telemetry.bootstrap-servers = \"k:9092\"")).fresh();
            assertTrue(f.enabled(), "on with the telemetry's broker");
            assertEquals("k:9092", f.bootstrapServers());
            assertEquals("movielog", f.topic());
            assertEquals(100_000, f.maxUsers());
            assertEquals(50, f.maxMoviesPerUser());
            assertEquals(Duration.ofSeconds(5), f.rebuildWait());
            assertEquals(Duration.ofHours(48), f.maxLookback());
        }
        FreshConfig own = ServingConfig.load(with("telemetry.bootstrap-servers = \"k:9092\", "
                + "fresh { bootstrap-servers = \"log:9092\", topic = platform, max-users = 7 }")).fresh();
        assertEquals("log:9092", own.bootstrapServers());
        assertEquals("platform", own.topic());
        assertEquals(7, own.maxUsers());
        assertFalse(ServingConfig.load(with("telemetry.bootstrap-servers = \"k:9092\", fresh.enabled = false")).fresh()
                .enabled());
        assertThrows(IllegalArgumentException.class, () -> ServingConfig.load(with(
                "fresh.enabled = true, fresh.bootstrap-servers = \"\", telemetry.bootstrap-servers = \"\"")));
        assertThrows(IllegalArgumentException.class, () -> ServingConfig.load(with(
                "fresh { bootstrap-servers = \"k:9092\", max-users = 0 }")));
        assertTrue(ServingConfig.load(with("fresh.bootstrap-servers = \"k:9092\"")).toString().contains(
                "fresh=movielog@k:9092"));
    }

    @Test
    void drainGraceAndStopTimeoutDefaultAndValidate() {
        ServingConfig c = ServingConfig.load(with(""));
        if (System.getenv("MARQUEE_SERVING_DRAIN_GRACE") == null) {
            assertEquals(Duration.ofSeconds(2), c.drainGrace());
        }
        if (System.getenv("MARQUEE_SERVING_STOP_TIMEOUT") == null) {
            assertEquals(Duration.ofSeconds(10), c.stopTimeout());
        }
        assertEquals(Duration.ZERO, ServingConfig.load(with("drain-grace = 0s")).drainGrace());
        assertThrows(IllegalArgumentException.class, () -> ServingConfig.load(with("drain-grace = -1s")));
    }

    @Test
    void toStringShowsEveryKey() {
        String s = ServingConfig.load(with("port = 1234, store-root = \"/data/store\"")).toString();
        for (String part : new String[] {"port=1234", "storeRoot=/data/store", "host=", "pollInterval=", "drainGrace=", "stopTimeout=", "telemetry=off"}) {
            assertTrue(s.contains(part), s);
        }
    }

    private static Config with(String overrides) {
        return ConfigFactory.parseString("marquee.serving { " + overrides + " }")
                .withFallback(ConfigFactory.defaultReference()).resolve();
    }
}
