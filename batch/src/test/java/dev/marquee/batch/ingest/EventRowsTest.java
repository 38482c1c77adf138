package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class EventRowsTest {
    private final EventRows rows = new EventRows(1, 5);

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
    void ratingOffScaleIsRejectedWithItsLine() {
        String line = "2025-03-04T20:22:00,42,GET /rate/the+matrix+1999=9";
        Row r = rows.toRow(line, 1, 3L);
        assertEquals(EventRows.REJECTED, r.getString(0));
        assertEquals(EventRows.OFF_SCALE, r.getString(6));
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
