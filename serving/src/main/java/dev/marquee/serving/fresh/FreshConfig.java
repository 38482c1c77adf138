package dev.marquee.serving.fresh;

import java.time.Duration;

/**
 * The {@code marquee.serving.fresh} block.
 *
 * @param enabled whether the service follows the log and removes fresh movies from its answers
 * @param bootstrapServers Kafka bootstrap servers of the platform's log; required when enabled
 * @param topic the platform's log topic (watch and rate lines)
 * @param maxUsers users kept at most; beyond, the one whose latest event is oldest is evicted
 * @param maxMoviesPerUser movies kept per user at most; beyond, the oldest is evicted
 * @param rebuildWait how long start-up waits for the sets to be rebuilt from the topic before serving anyway
 * @param maxLookback the rebuild never reads records older than this (by record timestamp), whatever the cut
 */
public record FreshConfig(boolean enabled, String bootstrapServers, String topic, int maxUsers, int maxMoviesPerUser,
        Duration rebuildWait, Duration maxLookback) {

    /** Fresh answers off. */
    public static final FreshConfig DISABLED = new FreshConfig(false, "", "movielog", 1, 1, Duration.ZERO,
            Duration.ofHours(48));

    public FreshConfig {
        if (enabled && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("marquee.serving.fresh.bootstrap-servers (or the telemetry's) must be set"
                    + " when fresh answers are enabled");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("marquee.serving.fresh.topic must not be empty");
        }
        if (maxUsers < 1 || maxMoviesPerUser < 1) {
            throw new IllegalArgumentException("marquee.serving.fresh.max-users and max-movies-per-user must be positive,"
                    + " got " + maxUsers + " and " + maxMoviesPerUser);
        }
        if (rebuildWait == null || rebuildWait.isNegative()) {
            throw new IllegalArgumentException("marquee.serving.fresh.rebuild-wait must not be negative");
        }
        if (maxLookback == null || maxLookback.isNegative() || maxLookback.isZero()) {
            throw new IllegalArgumentException("marquee.serving.fresh.max-lookback must be positive");
        }
    }

    @Override
    public String toString() {
        return enabled ? topic + "@" + bootstrapServers + " users<=" + maxUsers + " movies/user<=" + maxMoviesPerUser
                + " rebuild-wait " + rebuildWait.toMillis() + "ms lookback " + maxLookback.toHours() + "h" : "off";
    }
}
