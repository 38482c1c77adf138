package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.events.EventFormatter;
import dev.marquee.events.LogTimes;
import dev.marquee.events.RecommendationEvent;
import dev.marquee.testkit.BatchSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * A run's "now" comes from its injected clock and is taken in the platform's zone (issue 12): log
 * times carry no zone, so a line is judged as wall time in {@code platform-zone}, never the JVM's.
 */
class IngestionClockTest {

    /** The run starts here; the clock's own zone (a pod at UTC+14) plays no part. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-30T23:30:00Z"), ZoneId.of("Pacific/Kiritimati"));

    private static EventRows rows(String platformZone) {
        BatchConfig config = BatchSettings.unused().set("marquee.batch.validation.platform-zone", platformZone)
                .set("marquee.batch.validation.future-tolerance", "1h").load(BatchConfig::load);
        return Ingestion.eventRows(config, CLOCK.instant());
    }

    private static String reason(EventRows rows, String time) {
        Row r = rows.toRow(time + ",7,GET /rate/alien+1979=4", 0, 0L);
        return r.getString(6);
    }

    @Test
    void anHourAfterTheClocksNowIsTheToleranceAndASecondMoreIsInTheFuture() {
        EventRows rows = rows("UTC");
        assertNull(reason(rows, "2025-06-30T23:30:00"), "now");
        assertNull(reason(rows, "2025-07-01T00:30:00"), "one hour ahead: within the tolerance");
        assertEquals(LineChecks.TIME_IN_FUTURE, reason(rows, "2025-07-01T00:30:01"));
        assertEquals(LineChecks.TIME_IN_FUTURE, reason(rows, "2025-07-01T13:30:00"),
                "the same instant as wall time at UTC+14 (the clock's zone), as a pod there used to stamp it");
    }

    @Test
    void nowIsTheWallTimeInThePlatformZone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        EventRows rows = rows(newYork.getId());
        // A line stamped as serving's Telemetry does, in the platform's zone, at the run's instant: accepted.
        String line = EventFormatter.format(new RecommendationEvent(LogTimes.wallTime(CLOCK.instant(), newYork), 42,
                "10.0.0.1:8082", 200, "alien+1979", 3));
        assertEquals("2025-06-30T19:30:00,42,recommendation request 10.0.0.1:8082, status 200, result: alien+1979, 3 ms",
                line);
        assertEquals(EventRows.RECOMMENDATION, rows.toRow(line, 0, 0L).getString(0));
        assertNull(reason(rows, "2025-06-30T20:30:00"));
        assertEquals(LineChecks.TIME_IN_FUTURE, reason(rows, "2025-06-30T23:30:00"), "UTC's wall time is 4 h ahead");
    }
}
