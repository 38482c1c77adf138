package dev.marquee.serving;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.marquee.serving.fresh.FreshConfig;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The service's configuration, from the {@code marquee.serving} block (defaults and comments in
 * reference.conf; each key overridable by an environment variable and by a system property).
 *
 * @param host address to bind
 * @param port TCP port, 0 for any free one
 * @param storeRoot store root holding CURRENT and versions/
 * @param pollInterval how often CURRENT is checked
 * @param drainGrace on SIGTERM, how long /readyz answers 503 before the server stops accepting
 * @param stopTimeout then, how long in-flight requests may take to finish
 * @param telemetry logging of answers to Kafka
 * @param ab which users the open version's A/B arms answer
 * @param fresh fresh answers: following the log to remove movies watched since the version's cut
 */
public record ServingConfig(String host, int port, Path storeRoot, Duration pollInterval, Duration drainGrace,
        Duration stopTimeout, TelemetryConfig telemetry, ArmSplit ab, FreshConfig fresh) {

    /** Without A/B arms (everyone on the main lists) or fresh answers. */
    public ServingConfig(String host, int port, Path storeRoot, Duration pollInterval, Duration drainGrace,
            Duration stopTimeout, TelemetryConfig telemetry) {
        this(host, port, storeRoot, pollInterval, drainGrace, stopTimeout, telemetry, ArmSplit.NONE);
    }

    /** Without fresh answers. */
    public ServingConfig(String host, int port, Path storeRoot, Duration pollInterval, Duration drainGrace,
            Duration stopTimeout, TelemetryConfig telemetry, ArmSplit ab) {
        this(host, port, storeRoot, pollInterval, drainGrace, stopTimeout, telemetry, ab, FreshConfig.DISABLED);
    }

    /** Without A/B arms, with fresh answers as configured. */
    public ServingConfig(String host, int port, Path storeRoot, Duration pollInterval, Duration drainGrace,
            Duration stopTimeout, TelemetryConfig telemetry, FreshConfig fresh) {
        this(host, port, storeRoot, pollInterval, drainGrace, stopTimeout, telemetry, ArmSplit.NONE, fresh);
    }

    /** The first four keys; drain and stop defaults of reference.conf, telemetry off. */
    public ServingConfig(String host, int port, Path storeRoot, Duration pollInterval) {
        this(host, port, storeRoot, pollInterval, Duration.ofSeconds(2), Duration.ofSeconds(10),
                TelemetryConfig.DISABLED);
    }

    public ServingConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("marquee.serving.host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("marquee.serving.port must be in 0..65535, got " + port);
        }
        if (storeRoot == null || storeRoot.toString().isBlank()) {
            throw new IllegalArgumentException("marquee.serving.store-root must not be empty");
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("marquee.serving.poll-interval must be positive, got " + pollInterval);
        }
        if (drainGrace == null || drainGrace.isNegative()) {
            throw new IllegalArgumentException("marquee.serving.drain-grace must not be negative, got " + drainGrace);
        }
        if (stopTimeout == null || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("marquee.serving.stop-timeout must not be negative, got " + stopTimeout);
        }
        if (telemetry == null || ab == null) {
            throw new IllegalArgumentException("telemetry and ab configuration must not be null");
        }
        if (fresh == null) {
            throw new IllegalArgumentException("fresh configuration must not be null");
        }
    }

    /**
     * Reads and validates the {@code marquee.serving} block of a resolved config.
     *
     * @throws IllegalArgumentException if a key is missing, of the wrong type or out of range
     */
    public static ServingConfig load(Config root) {
        try {
            Config c = root.getConfig("marquee.serving");
            String storeRoot = c.getString("store-root").trim();
            Config t = c.getConfig("telemetry");
            String bootstrap = t.getString("bootstrap-servers").trim();
            // enabled has no default: unset means "on when bootstrap servers are configured".
            boolean enabled = t.hasPath("enabled") ? t.getBoolean("enabled") : !bootstrap.isEmpty();
            TelemetryConfig telemetry = new TelemetryConfig(enabled, bootstrap, t.getString("topic").trim(),
                    t.getInt("queue-capacity"), t.getDuration("max-block"), zone(t.getString("platform-zone")));
            return new ServingConfig(c.getString("host").trim(), c.getInt("port"),
                    storeRoot.isEmpty() ? null : Path.of(storeRoot), c.getDuration("poll-interval"),
                    c.getDuration("drain-grace"), c.getDuration("stop-timeout"), telemetry, ArmSplit.load(root),
                    fresh(c.getConfig("fresh"), bootstrap));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid serving configuration: " + e.getMessage(), e);
        }
    }

    /** The {@code fresh} block: bootstrap servers default to the telemetry's; unset enabled means on when there are some. */
    private static FreshConfig fresh(Config f, String telemetryBootstrap) {
        String own = f.getString("bootstrap-servers").trim();
        String bootstrap = own.isEmpty() ? telemetryBootstrap : own;
        boolean enabled = f.hasPath("enabled") ? f.getBoolean("enabled") : !bootstrap.isEmpty();
        return new FreshConfig(enabled, bootstrap, f.getString("topic").trim(), f.getInt("max-users"),
                f.getInt("max-movies-per-user"), f.getDuration("rebuild-wait"), f.getDuration("max-lookback"));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("marquee.serving.telemetry.platform-zone is not a time zone: " + id, e);
        }
    }

    /** What is logged at start-up (nothing here is secret). */
    @Override
    public String toString() {
        return "ServingConfig{host=" + host + ", port=" + port + ", storeRoot=" + storeRoot.toAbsolutePath()
                + ", pollInterval=" + pollInterval.toMillis() + "ms, drainGrace=" + drainGrace.toMillis()
                + "ms, stopTimeout=" + stopTimeout.toMillis() + "ms, telemetry=" + (telemetry.enabled()
                        ? telemetry.topic() + "@" + telemetry.bootstrapServers() + " queue " + telemetry.queueCapacity()
                                + " zone " + telemetry.platformZone()
                        : "off") + ", ab=" + ab + ", fresh=" + fresh + "}";
    }
}
