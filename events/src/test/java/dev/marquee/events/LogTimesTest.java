package dev.marquee.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogTimesTest {

    @Test
    void aLogTimeIsTheWallTimeInThePlatformsZoneWhateverTheJvmsZone() {
        Instant t = Instant.parse("2025-06-30T23:30:00.250Z");
        assertEquals(LocalDateTime.of(2025, 6, 30, 23, 30, 0, 250_000_000), LogTimes.wallTime(t, ZoneOffset.UTC));
        assertEquals(LocalDateTime.of(2025, 7, 1, 13, 30, 0, 250_000_000),
                LogTimes.wallTime(t, ZoneId.of("Pacific/Kiritimati")));
        assertEquals("2025-06-30T19:30:00.250", LogTimes.format(LogTimes.wallTime(t, ZoneId.of("America/New_York"))));
    }
}
