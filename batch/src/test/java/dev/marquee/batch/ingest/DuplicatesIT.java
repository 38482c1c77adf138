package dev.marquee.batch.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.testkit.SparkExtension;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Duplicates found on the rows as the lake keeps them, in real local Spark. */
@ExtendWith(SparkExtension.class)
class DuplicatesIT {
    private static final LocalDateTime T = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static SparkSession spark;
    private static long offset;

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
    }

    private static Row rate(int partition, long user, String movie, int rating, int minuteOfDay) {
        return RowFactory.create(EventRows.RATE, user, movie, rating, null, T.plusMinutes(minuteOfDay), null, "text",
                partition, offset++);
    }

    private static Row rejected(String reason, String line) {
        return RowFactory.create(EventRows.REJECTED, null, null, null, null, null, reason, line, 0, offset++);
    }

    @Test
    void laterCopiesOfAnEventAreDuplicatesButRejectedLinesAreNot() {
        offset = 0;
        List<Row> rows = new ArrayList<>(List.of(
                rate(1, 1, "a", 4, 10), rate(0, 1, "a", 4, 10), rate(0, 1, "a", 4, 10), // the same event three times
                rate(0, 1, "a", 5, 10), // same time, other rating: another event
                rate(0, 2, "a", 4, 10), // another user
                rejected("bad_time", "x"), rejected("bad_time", "x")));
        for (int i = 0; i < 5_000; i++) { // enough unique events for the hash search to span partitions
            rows.add(rate(i % 2, 100 + i, "m" + (i % 50), 1 + i % 5, i % 1440));
        }
        Dataset<Row> accepted = Ingestion.lakeRows(spark.createDataFrame(rows, EventRows.SCHEMA))
                .filter(col("date").isNotNull());
        List<Row> later = Duplicates.laterCopies(accepted, rows.size()).orderBy("partition", "offset").collectAsList();

        // The first copy is the lowest (partition, offset): offset 1 in partition 0; offsets 0 (partition 1)
        // and 2 are the later copies.
        assertEquals(2, later.size(), "two later copies: " + later);
        assertEquals(List.of("0/2", "1/0"), later.stream()
                .map(r -> r.getInt(r.fieldIndex("partition")) + "/" + r.getLong(r.fieldIndex("offset"))).toList());

        Map<String, Long> quarantined = new TreeMap<>();
        for (Row r : Duplicates.quarantined(Duplicates.laterCopies(accepted, rows.size())).collectAsList()) {
            assertEquals(EventRows.REJECTED, r.getString(r.fieldIndex("kind")));
            String line = r.getString(r.fieldIndex("line"));
            Parsed parsed = (Parsed) EventParser.parse(line);
            assertEquals(T.plusMinutes(10), parsed.event().time(), "the quarantined line is the event written back: " + line);
            quarantined.merge(r.getString(r.fieldIndex("reason")), 1L, Long::sum);
        }
        assertEquals(Map.of(LineChecks.DUPLICATE, 2L), quarantined);
    }

    @Test
    void noRepeatedKeyMeansNoLaterCopies() {
        offset = 0;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rows.add(rate(0, i, "m", 3, 1));
        }
        Dataset<Row> accepted = Ingestion.lakeRows(spark.createDataFrame(rows, EventRows.SCHEMA));
        assertEquals(0, Duplicates.laterCopies(accepted, rows.size()).count());
    }
}
