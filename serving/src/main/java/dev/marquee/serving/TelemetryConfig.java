package dev.marquee.serving;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The {@code marquee.serving.telemetry} block.
 *
 * @param enabled whether answers are logged to Kafka
 * @param bootstrapServers Kafka bootstrap servers ({@code host:port,...}); required when enabled
 * @param topic topic of the platform's log
 * @param queueCapacity answers buffered between request threads and the producer; more are dropped
 * @param maxBlock longest the producer may block the drain thread (metadata wait, full buffer)
 * @param platformZone the platform's time zone: each line's time is the wall time in it (log times carry no zone;
 *     the batch job judges them in its {@code platform-zone}, which must be the same)
 * @param answersTopic topic of the service's own answer records (JSON, one per answer: version, arm, ids,
 *     latency, status); empty: none are written (the platform's line still is)
 */
public record TelemetryConfig(boolean enabled, String bootstrapServers, String topic, int queueCapacity,
        Duration maxBlock, ZoneId platformZone, String answersTopic) {

    /** The answers topic of reference.conf (and of batch's {@code kafka.answers-topic}). */
    public static final String DEFAULT_ANSWERS_TOPIC = "marquee-answers";

    /** The platform zone of reference.conf (and of batch's {@code platform-zone}): UTC. */
    public static final ZoneId DEFAULT_PLATFORM_ZONE = ZoneOffset.UTC;

    /** Telemetry off. */
    public static final TelemetryConfig DISABLED = new TelemetryConfig(false, "", "movielog", 1, Duration.ofMillis(100));

    /** The first five keys, in the default platform zone ({@link #DEFAULT_PLATFORM_ZONE}), without answer records. */
    public TelemetryConfig(boolean enabled, String bootstrapServers, String topic, int queueCapacity,
            Duration maxBlock) {
        this(enabled, bootstrapServers, topic, queueCapacity, maxBlock, DEFAULT_PLATFORM_ZONE);
    }

    /** The first six keys, without answer records (only the platform's lines). */
    public TelemetryConfig(boolean enabled, String bootstrapServers, String topic, int queueCapacity,
            Duration maxBlock, ZoneId platformZone) {
        this(enabled, bootstrapServers, topic, queueCapacity, maxBlock, platformZone, "");
    }

    /** The same configuration writing answer records to {@code topic} (empty: none). */
    public TelemetryConfig withAnswersTopic(String topic) {
        return new TelemetryConfig(enabled, bootstrapServers, this.topic, queueCapacity, maxBlock, platformZone, topic);
    }

    /** Whether answer records are written. */
    public boolean answersEnabled() {
        return enabled && !answersTopic.isEmpty();
    }

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
        if (platformZone == null) {
            throw new IllegalArgumentException("marquee.serving.telemetry.platform-zone must be set");
        }
        answersTopic = answersTopic == null ? "" : answersTopic.trim();
        if (!answersTopic.isEmpty() && answersTopic.equals(topic)) {
            throw new IllegalArgumentException("marquee.serving.telemetry.answers-topic must differ from the log's topic "
                    + topic + ": the batch job would read the answer records as malformed log lines");
        }
    }
}
