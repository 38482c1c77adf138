package dev.marquee.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserRejectTest {

    private static final String T = "2025-03-04T20:22:00";

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        ``                                                         | EMPTY
        `   `                                                      | EMPTY
        `\r`                                                       | EMPTY
        garbage                                                    | TOO_FEW_FIELDS
        2025-03-04T20:22:00,1                                      | TOO_FEW_FIELDS
        2025-03-04T20:22:00                                        | TOO_FEW_FIELDS
        2025-13-01T00:00:00,1,GET /create_account                  | BAD_TIME
        2025-02-29T00:00:00,1,GET /create_account                  | BAD_TIME
        2025-03-04T24:00:00,1,GET /create_account                  | BAD_TIME
        2025-03-04T20:22,1,GET /create_account                     | BAD_TIME
        2025-03-04 20:22:00,1,GET /create_account                  | BAD_TIME
        2025-03-04T20:22:00.,1,GET /create_account                 | BAD_TIME
        2025-03-04T20:22:00.1234567890,1,GET /create_account       | BAD_TIME
        2025-03-04T20:22:00Z,1,GET /create_account                 | BAD_TIME
        ,1,GET /create_account                                     | BAD_TIME
        2025-03-04T20:22:00,-1,GET /create_account                 | BAD_USER
        2025-03-04T20:22:00,9223372036854775808,GET /create_account| BAD_USER
        2025-03-04T20:22:00,99999999999999999999,GET /create_account| BAD_USER
        2025-03-04T20:22:00,,GET /create_account                   | BAD_USER
        2025-03-04T20:22:00,12a,GET /create_account                | BAD_USER
        2025-03-04T20:22:00,+1,GET /create_account                 | BAD_USER
        2025-03-04T20:22:00,1,GET /rate/x=abc                      | BAD_RATING
        2025-03-04T20:22:00,1,GET /rate/x=                         | BAD_RATING
        2025-03-04T20:22:00,1,GET /rate/x=4.5                      | BAD_RATING
        2025-03-04T20:22:00,1,GET /rate/x=99999999999              | BAD_RATING
        2025-03-04T20:22:00,1,GET /rate/x                          | BAD_RATING
        2025-03-04T20:22:00,1,GET /rate/=5                         | BAD_MOVIE
        2025-03-04T20:22:00,1,GET /rate/a b=5                      | BAD_MOVIE
        2025-03-04T20:22:00,1,GET /rate/a/b=5                      | BAD_MOVIE
        `2025-03-04T20:22:00,1,GET /rate/a,b=5`                    | BAD_MOVIE
        2025-03-04T20:22:00,1,GET /data/m/x/-1.mpg                 | BAD_MINUTE
        2025-03-04T20:22:00,1,GET /data/m/x/.mpg                   | BAD_MINUTE
        2025-03-04T20:22:00,1,GET /data/m/x/1.mp4                  | BAD_MINUTE
        2025-03-04T20:22:00,1,GET /data/m/x                        | BAD_MINUTE
        2025-03-04T20:22:00,1,GET /data/m//1.mpg                   | BAD_MOVIE
        2025-03-04T20:22:00,1,GET /data/m/a/b/1.mpg                | BAD_MOVIE
        2025-03-04T20:22:00,1,recommendation request h:1           | BAD_RECOMMENDATION
        `2025-03-04T20:22:00,1,recommendation request h:1, status x, result: a, 1 ms` | BAD_RECOMMENDATION
        `2025-03-04T20:22:00,1,recommendation request h:1, status 200, result: a, -1 ms` | BAD_RECOMMENDATION
        `2025-03-04T20:22:00,1,recommendation request h:1, status 200, result: a, 1` | BAD_RECOMMENDATION
        `2025-03-04T20:22:00,1,recommendation request h:1, status 200, result: a 1 ms` | BAD_RECOMMENDATION
        `2025-03-04T20:22:00,1,recommendation request , status 200, result: a, 1 ms` | BAD_RECOMMENDATION
        2025-03-04T20:22:00,1,GET /unknown                         | UNKNOWN_KIND
        2025-03-04T20:22:00,1,GET /create_account/x                | UNKNOWN_KIND
        2025-03-04T20:22:00,1,POST /rate/x=5                       | UNKNOWN_KIND
        """)
    void rejectsWithReason(String line, RejectReason expected) {
        String input = line == null ? "" : line.replace("\\r", "\r");
        Rejected r = assertInstanceOf(Rejected.class, EventParser.parse(input), input);
        assertEquals(expected, r.reason(), r.detail());
        assertEquals(input, r.line());
        assertFalse(r.detail().isBlank());
    }

    @Test
    void nullIsEmpty() {
        Rejected r = assertInstanceOf(Rejected.class, EventParser.parse(null));
        assertEquals(RejectReason.EMPTY, r.reason());
    }

    @Test
    void ratingScaleIsNotCheckedHere() {
        RateEvent e = (RateEvent) ((Parsed) EventParser.parse(T + ",1,GET /rate/x=-7")).event();
        assertEquals(-7, e.rating());
    }

    @Test
    void leapDayAndLargestUserAccepted() {
        assertInstanceOf(Parsed.class, EventParser.parse("2024-02-29T00:00:00,9223372036854775807,GET /create_account"));
    }

    @Test
    void codesAreUniqueAndLowerCase() {
        Set<String> codes = new HashSet<>();
        for (RejectReason r : RejectReason.values()) {
            assertTrue(codes.add(r.code()));
            assertEquals(r.code().toLowerCase(Locale.ROOT), r.code());
        }
    }

    @Test
    void neverThrowsOnMutatedLines() {
        String[] seeds = {
            T + ",1,GET /rate/the+matrix+1999=4",
            T + ".415,1,GET /data/m/the+matrix+1999/12.mpg",
            T + ",1,recommendation request h:1, status 200, result: a, b, 3 ms",
            T + ",1,GET /create_account"
        };
        Random rnd = new Random(11);
        String alphabet = ",=/.: -0123456789abcT\r\n";
        int parsed = 0;
        for (int i = 0; i < 50_000; i++) {
            char[] c = seeds[rnd.nextInt(seeds.length)].toCharArray();
            int edits = 1 + rnd.nextInt(3);
            for (int k = 0; k < edits; k++) {
                c[rnd.nextInt(c.length)] = alphabet.charAt(rnd.nextInt(alphabet.length()));
            }
            String s = new String(c, 0, rnd.nextInt(c.length + 1));
            ParseResult r = EventParser.parse(s);
            if (r instanceof Parsed p) {
                parsed++;
                assertEquals(new Parsed(p.event()), EventParser.parse(EventFormatter.format(p.event())));
            } else {
                Rejected rej = (Rejected) r;
                assertTrue(Arrays.asList(RejectReason.values()).contains(rej.reason()));
                assertFalse(rej.detail().startsWith("unexpected"), rej.detail() + " for " + s);
            }
        }
        assertTrue(parsed > 0, "some mutations still parse");
    }
}
