package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class EventRowsTest {
    private static final LocalDateTime START = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 1, 0, 0);
    private final EventRows rows = new EventRows(1, 5, 1_000_000, START, NOW);

    @Test
    void eachExpectationHasItsReason() {
        assertEquals(LineChecks.USER_OUT_OF_RANGE, rows.toRow("2025-03-04T20:22:00,1000001,GET /rate/alien+1979=4", 0, 1).getString(6));
        assertEquals(LineChecks.TIME_IN_FUTURE, rows.toRow("2026-01-01T00:00:01,1,GET /rate/alien+1979=4", 0, 1).getString(6));
        assertEquals(LineChecks.TIME_BEFORE_START, rows.toRow("1999-12-31T23:59:59,1,GET /create_account", 0, 1).getString(6));
        assertEquals(LineChecks.BAD_MOVIE_SLUG, rows.toRow("2025-03-04T20:22:00,1,GET /rate/The+Matrix=4", 0, 1).getString(6));
        assertEquals(LineChecks.BAD_MOVIE_SLUG, rows.toRow("2025-03-04T20:22:00,1,GET /data/m/alien++1979/3.mpg", 0, 1).getString(6));
        assertEquals(EventRows.RATE, rows.toRow("2025-12-31T23:59:59,1000000,GET /rate/alien+1979=1", 0, 1).getString(0));
    }

    @Test
    void ratingOnScaleIsARateRow() {
        Row r = rows.toRow("2025-03-04T20:22:00,42,GET /rate/the+matrix+1999=4", 0, 7L);
        assertEquals(EventRows.RATE, r.getString(0));
        assertEquals(42L, r.getLong(1));
        assertEquals("the+matrix+1999", r.getString(2));
        assertEquals(4, r.getInt(3));
        assertEquals(LocalDateTime.of(2025, 3, 4, 20, 22), r.get(5));
        assertEquals(7L, r.getLong(9));
    }

    @Test
    void acceptedRowsKeepTheirLineForDuplicateQuarantine() {
        String line = "2025-03-04T20:22:00,7,GET /create_account";
        assertEquals(line, rows.toRow(line, 0, 0L).getString(7));
    }

    @Test
    void ratingOffScaleIsRejectedWithItsLine() {
        String line = "2025-03-04T20:22:00,42,GET /rate/the+matrix+1999=9";
        Row r = rows.toRow(line, 1, 3L);
        assertEquals(EventRows.REJECTED, r.getString(0));
        assertEquals(LineChecks.OFF_SCALE, r.getString(6));
        assertEquals(line, r.getString(7));
        assertNull(r.get(1));
    }

    @Test
    void garbageIsRejectedWithTheParsersReason() {
        Row r = rows.toRow("this is not a log line", 0, 0L);
        assertEquals(EventRows.REJECTED, r.getString(0));
        assertEquals("this is not a log line", r.getString(7));
        Row empty = rows.toRow(null, 0, 1L);
        assertEquals(EventRows.REJECTED, empty.getString(0));
    }

    @Test
    void watchAndAccountLinesKeepTheirKind() {
        assertEquals(EventRows.WATCH, rows.toRow("2025-03-04T20:22:00.415,7,GET /data/m/alien+1979/12.mpg", 0, 0L).getString(0));
        assertEquals(EventRows.ACCOUNT, rows.toRow("2025-03-04T20:22:00,7,GET /create_account", 0, 0L).getString(0));
    }
}
