package dev.marquee.batch.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * The expectations every run checks (see reference.conf, {@code marquee.batch.validation}).
 *
 * @param maxRejectedShare above this share of rejected records the run stops before training
 * @param maxUserId largest valid user id
 * @param platformStart events before it are rejected
 * @param platformZone the time zone of the log's times
 * @param futureTolerance events later than the run's start plus this are rejected
 * @param volumeMinHistory committed runs needed before the volume band applies
 * @param volumeHistory how many recent runs the band's median is taken over
 * @param volumeMinFactor lowest allowed record count, as a factor of that median
 * @param volumeMaxFactor highest allowed record count, as a factor of that median
 */
public record Validation(
        double maxRejectedShare,
        long maxUserId,
        LocalDateTime platformStart,
        java.time.ZoneId platformZone,
        Duration futureTolerance,
        int volumeMinHistory,
        int volumeHistory,
        double volumeMinFactor,
        double volumeMaxFactor) {

    public Validation {
        BatchConfig.require(maxRejectedShare >= 0 && maxRejectedShare <= 1, "validation.max-rejected-share must be in [0,1]");
        BatchConfig.require(maxUserId > 0, "validation.max-user-id must be positive");
        BatchConfig.require(!futureTolerance.isNegative(), "validation.future-tolerance must not be negative");
        BatchConfig.require(volumeMinHistory >= 1 && volumeHistory >= 1, "validation.volume.min-history and history must be >= 1");
        BatchConfig.require(volumeMinFactor >= 0 && volumeMinFactor <= 1 && volumeMaxFactor >= 1,
                "validation.volume: min-factor must be in [0,1] and max-factor >= 1");
    }

    static Validation load(Config c) {
        return new Validation(
                c.getDouble("max-rejected-share"),
                c.getLong("max-user-id"),
                LocalDateTime.parse(c.getString("platform-start")),
                java.time.ZoneId.of(c.getString("platform-zone")),
                c.getDuration("future-tolerance"),
                c.getInt("volume.min-history"),
                c.getInt("volume.history"),
                c.getDouble("volume.min-factor"),
                c.getDouble("volume.max-factor"));
    }
}
