package dev.marquee.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventRoundTripTest {

    private static final LocalDateTime T = LocalDateTime.of(2025, 3, 4, 20, 22, 0);

    static Stream<Event> events() {
        return Stream.of(
                new RateEvent(T, 0, "the+matrix+1999", 5),
                new RateEvent(T.withNano(415_000_000), Long.MAX_VALUE, "x", -3),
                new WatchEvent(T.withNano(415_793_000), 42, "alien+1979", 0),
                new WatchEvent(T.withNano(415_793_123), 42, "alien+1979", 117),
                new RecommendationEvent(T, 7, "10.0.0.1:8082", 200, "a+1999, b+2000, c", 12),
                new RecommendationEvent(T, 7, "host:80", 200, "a,b,c", 0),
                new RecommendationEvent(T, 7, "host:80", 0, "java.net.ConnectException: refused", 803),
                new RecommendationEvent(T, 7, "host:80", 200, "", 5),
                new AccountEvent(T.withNano(1), 99));
    }

    @ParameterizedTest
    @MethodSource("events")
    void parseOfFormatIsIdentity(Event e) {
        String line = EventFormatter.format(e);
        assertEquals(new Parsed(e), EventParser.parse(line), line);
        assertEquals(new Parsed(e), EventParser.parse(line + "\r"), "trailing CR");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2025-03-04T20:22:00,1,GET /rate/the+matrix+1999=4",
        "2025-03-04T20:22:00.415,1,GET /data/m/the+matrix+1999/12.mpg",
        "2025-03-04T20:22:00.415793,1,GET /create_account",
        "2025-03-04T20:22:00.415793001,17,recommendation request 1.2.3.4:8082, status 200, result: a, b, c, 171 ms",
        "2025-03-04T20:22:00,17,recommendation request h:1, status 0, result: java.net.SocketTimeoutException, 800 ms"
    })
    void formatOfParseIsIdentity(String line) {
        Parsed parsed = assertInstanceOf(Parsed.class, EventParser.parse(line));
        assertEquals(line, EventFormatter.format(parsed.event()));
    }

    @Test
    void timeUsesFewestExactFractionDigitsAndAlwaysSeconds() {
        assertEquals("2025-03-04T20:22:00", LogTimes.format(T));
        assertEquals("2025-03-04T20:22:00.400", LogTimes.format(T.withNano(400_000_000)));
        assertEquals("2025-03-04T20:22:00.000001", LogTimes.format(T.withNano(1_000)));
        assertEquals("2025-03-04T20:22:00.000000001", LogTimes.format(T.withNano(1)));
        assertEquals("0001-01-01T00:00:00", LogTimes.format(LocalDateTime.of(1, 1, 1, 0, 0)));
    }

    @Test
    void recommendationParsedFromBothEnds() {
        Parsed p = assertInstanceOf(Parsed.class, EventParser.parse(
                "2025-03-04T20:22:00,5,recommendation request h:8082, status 200, result: m1, m2, m3, 42 ms"));
        RecommendationEvent r = assertInstanceOf(RecommendationEvent.class, p.event());
        assertEquals("h:8082", r.server());
        assertEquals(200, r.status());
        assertEquals("m1, m2, m3", r.result());
        assertEquals(42, r.latencyMs());
    }

    @Test
    void randomEventsRoundTrip() {
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime t = LocalDateTime.of(1970 + rnd.nextInt(100), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28),
                    rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60), List.of(0, 5_000_000, 123_456_000, 987_654_321)
                            .get(rnd.nextInt(4)));
            long user = rnd.nextLong() & Long.MAX_VALUE;
            Event e = switch (rnd.nextInt(4)) {
                case 0 -> new RateEvent(t, user, "m" + rnd.nextInt(1000), rnd.nextInt(21) - 10);
                case 1 -> new WatchEvent(t, user, "m+" + rnd.nextInt(1000), rnd.nextInt(Integer.MAX_VALUE));
                case 2 -> new RecommendationEvent(t, user, "h:" + rnd.nextInt(65536), rnd.nextInt(600),
                        "a, b", rnd.nextInt(10_000));
                default -> new AccountEvent(t, user);
            };
            assertEquals(new Parsed(e), EventParser.parse(EventFormatter.format(e)));
        }
    }

    @Test
    void recordsRefuseWhatCannotBeWrittenAsALine() {
        assertThrows(IllegalArgumentException.class, () -> new RateEvent(T, -1, "m", 1));
        assertThrows(IllegalArgumentException.class, () -> new RateEvent(T, 1, "a=b", 1));
        assertThrows(IllegalArgumentException.class, () -> new WatchEvent(T, 1, "a/b", 1));
        assertThrows(IllegalArgumentException.class, () -> new WatchEvent(T, 1, "m", -1));
        assertThrows(IllegalArgumentException.class, () -> new RecommendationEvent(T, 1, "a, b", 200, "", 1));
        assertThrows(IllegalArgumentException.class, () -> new AccountEvent(T.withYear(10_000), 1));
        assertThrows(NullPointerException.class, () -> new AccountEvent(null, 1));
    }
}
