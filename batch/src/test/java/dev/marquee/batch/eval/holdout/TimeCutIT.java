package dev.marquee.batch.eval.holdout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marquee.testkit.SparkExtension;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test window is widened until enough users come back inside it. */
@ExtendWith(SparkExtension.class)
class TimeCutIT {
    private static final LocalDateTime T0 = LocalDateTime.of(2025, 3, 1, 0, 0);
    private static final LocalDateTime END = day(20);
    private static final StructType EVENTS = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("time", DataTypes.TimestampNTZType, false);
    private static SparkSession spark;

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
    }

    private static LocalDateTime day(double d) {
        return T0.plusMinutes(Math.round(d * 24 * 60));
    }

    /**
     * User 1 comes back inside the last day, user 2 inside the last 2 days, user 3 inside the last
     * 4 days; user 4 starts on day 17 (never before a cut that it is back after); user 5 comes back
     * only after the end.
     */
    private static Dataset<Row> events() {
        List<Row> rows = new ArrayList<>();
        double[][] times = {{0, 19.5}, {0, 18.5}, {0, 16.5}, {17, 17.5}, {0, 25}};
        for (int u = 0; u < times.length; u++) {
            for (double d : times[u]) {
                rows.add(RowFactory.create((long) u + 1, day(d)));
            }
        }
        return spark.createDataFrame(rows, EVENTS);
    }

    private static TimeCut sized(long minUsers, Duration max) {
        return TimeCut.sized(events(), END, Duration.ofDays(1), max, minUsers);
    }

    @Test
    void widensTheWindowUntilEnoughUsersAreBack() {
        assertEquals(new TimeCut(day(19), END), sized(1, Duration.ofDays(60)));
        assertEquals(new TimeCut(day(18), END), sized(2, Duration.ofDays(60)));
        assertEquals(new TimeCut(day(16), END), sized(3, Duration.ofDays(60)));
    }

    @Test
    void stopsAtTheWidestWindow() {
        // 4 users never come back: 1 day, 2, 4, then 8 capped at 5
        assertEquals(new TimeCut(day(15), END), sized(4, Duration.ofDays(5)));
        assertEquals(new TimeCut(day(12), END), sized(4, Duration.ofDays(8)));
    }

    @Test
    void previousIsOneWindowEarlier() {
        TimeCut test = new TimeCut(day(16), END);
        assertEquals(Duration.ofDays(4), test.window());
        assertEquals(new TimeCut(day(12), day(16)), test.previous());
        assertEquals(new TimeCut(day(8), day(12)), test.previous().previous());
    }

    @Test
    void aWindowMustEndAfterItsCut() {
        assertThrows(IllegalArgumentException.class, () -> new TimeCut(END, END));
        assertThrows(IllegalArgumentException.class, () -> new TimeCut(END, day(19)));
    }
}
