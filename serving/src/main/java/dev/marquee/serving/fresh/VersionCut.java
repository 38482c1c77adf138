package dev.marquee.serving.fresh;

import dev.marquee.events.LogTimes;
import dev.marquee.store.Manifest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Up to which event time a version's data goes, as <em>wall millis</em>: a log time (the platform's
 * wall time, no zone) counted in milliseconds as if it were UTC, so log times and cuts compare
 * without a zone. The batch job records it as the lineage's {@value #DATA_END}; a version without
 * it (older jobs, hand-made versions) is cut at its {@code createdAt}, as wall time in the platform's zone.
 */
public final class VersionCut {

    /** The lineage key the batch job writes (batch's {@code NightlyJob.DATA_END}). */
    public static final String DATA_END = "dataEnd";

    private VersionCut() {
    }

    /** The cut of a version in wall millis. */
    public static long of(Manifest manifest, ZoneId platformZone) {
        Object end = manifest.lineage().get(DATA_END);
        LocalDateTime t = end instanceof String s ? LogTimes.parse(s) : null;
        if (t == null) {
            t = LogTimes.wallTime(Instant.parse(manifest.createdAt()), platformZone);
        }
        return wallMillis(t);
    }

    /** A log time in wall millis. */
    public static long wallMillis(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The instant of a wall-millis time in the platform's zone (for the topic's record timestamps). */
    public static Instant instant(long wallMillis, ZoneId platformZone) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(wallMillis, 1000), (int) Math.floorMod(wallMillis, 1000) * 1_000_000,
                ZoneOffset.UTC).atZone(platformZone).toInstant();
    }
}
