package dev.marquee.serving;

import java.time.Duration;

/**
 * The {@code marquee.serving.telemetry} block.
 *
 * @param enabled whether answers are logged to Kafka
 * @param bootstrapServers Kafka bootstrap servers ({@code host:port,...}); required when enabled
 * @param topic topic of the platform's log
 * @param queueCapacity answers buffered between request threads and the producer; more are dropped
 * @param maxBlock longest the producer may block the drain thread (metadata wait, full buffer)
 */
public record TelemetryConfig(boolean enabled, String bootstrapServers, String topic, int queueCapacity,
        Duration maxBlock) {

    /** Telemetry off. */
    public static final TelemetryConfig DISABLED = new TelemetryConfig(false, "", "movielog", 1, Duration.ofMillis(100));

    public TelemetryConfig {
        if (enabled && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException(
                    "marquee.serving.telemetry.bootstrap-servers must be set when telemetry is enabled");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("marquee.serving.telemetry.topic must not be empty");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("marquee.serving.telemetry.queue-capacity must be positive, got "
                    + queueCapacity);
        }
        if (maxBlock == null || maxBlock.isNegative()) {
            throw new IllegalArgumentException("marquee.serving.telemetry.max-block must not be negative");
        }
    }
}
