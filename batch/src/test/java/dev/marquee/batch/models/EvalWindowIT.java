package dev.marquee.batch.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.marquee.batch.eval.holdout.TimeCut;
import dev.marquee.batch.ingest.EventRows;
import dev.marquee.testkit.SparkExtension;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The time-cut protocol on a hand-checkable lake: models learn from events up to the cut, users
 * are judged on their new user-movie pairs inside (cut, end], nothing after end counts.
 */
@ExtendWith(SparkExtension.class)
class EvalWindowIT {
    static final LocalDateTime T0 = LocalDateTime.of(2025, 3, 1, 0, 0);
    static final StructType EVENTS = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("user", DataTypes.LongType, true)
            .add("movie", DataTypes.StringType, true)
            .add("rating", DataTypes.IntegerType, true)
            .add("minute", DataTypes.IntegerType, true)
            .add("time", DataTypes.TimestampNTZType, true)
            .add("partition", DataTypes.IntegerType, false)
            .add("offset", DataTypes.LongType, false);
    /** The cut: day 10; the window ends a day later. */
    static final TimeCut CUT = new TimeCut(day(10), day(11));
    private static SparkSession spark;

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
    }

    static LocalDateTime day(double d) {
        return T0.plusMinutes(Math.round(d * 24 * 60));
    }

    private static long offset;

    static Row watch(long user, String movie, double d) {
        return RowFactory.create(EventRows.WATCH, user, movie, null, 1, day(d), 0, offset++);
    }

    static Row rate(long user, String movie, int rating, double d) {
        return RowFactory.create(EventRows.RATE, user, movie, rating, null, day(d), 0, offset++);
    }

    static Row recommendation(long user, String movie, double d) {
        return RowFactory.create(EventRows.RECOMMENDATION, user, movie, null, null, day(d), 0, offset++);
    }

    /**
     * Before the cut (day 10): u1 m1, u2 m2, u3 m1, u4 m3, u7 m4 (at the cut itself).
     * Inside (10, 11]: u1 m2 (new), u1 m1 rated (seen before: not relevant), u1 a recommendation of
     * m3 (not an interaction); u2 m9 (new, movie unknown before the cut); u3 m1 again (not new);
     * u5 (new user) m1 and m8 (unknown movie); u7 m1 and m3 at the window's end itself.
     * After end: u3 m3, u4 m1, u6 m2 (a user only seen after end), u1 m4.
     */
    static Dataset<Row> events() {
        List<Row> rows = new ArrayList<>(List.of(
                watch(1, "m1", 1), watch(1, "m1", 1.01),
                watch(2, "m2", 2),
                rate(3, "m1", 4, 3),
                watch(4, "m3", 4),
                watch(7, "m4", 10),
                watch(1, "m2", 10.5), rate(1, "m1", 5, 10.6), recommendation(1, "m3", 10.2),
                watch(2, "m9", 10.2),
                watch(3, "m1", 10.3),
                watch(5, "m1", 10.6), rate(5, "m8", 3, 10.7),
                watch(7, "m1", 10.9), rate(7, "m3", 4, 11),
                watch(3, "m3", 12), watch(4, "m1", 11.5), watch(6, "m2", 12), watch(1, "m4", 11.01)));
        return spark.createDataFrame(rows, EVENTS);
    }

    private static Set<String> pairs(Dataset<Row> d) {
        Set<String> out = new TreeSet<>();
        for (Row r : d.select("user", "movie").collectAsList()) {
            out.add(r.getLong(0) + ":" + r.getString(1));
        }
        return out;
    }

    private static Set<Long> users(Dataset<Row> d) {
        Set<Long> out = new TreeSet<>();
        for (Row r : d.select("user").collectAsList()) {
            out.add(r.getLong(0));
        }
        return out;
    }

    @Test
    void evaluatesReturningUsersOnTheirNewPairsInsideTheWindow() {
        try (EvalWindow w = EvalWindow.of(spark, events(), CUT, 2, 0, 7)) {
            assertEquals(Set.of(1L, 2L, 7L), users(w.users()), "u3 only re-watched, u4 did nothing inside, u5 is new");
            assertEquals(3, w.userCount());
            assertEquals(Set.of("1:m2", "2:m9", "7:m1", "7:m3"), pairs(w.relevant()),
                    "u1's re-rated m1 and u3's m1 were seen before the cut; recommendations and events after end do not count");
            assertEquals(Set.of("5:m1", "5:m8"), pairs(w.newRelevant()));
            assertEquals(1, w.newUserCount());
            // fresh pairs: 1:m2 2:m9 7:m1 7:m3 5:m1 5:m8; m9 and m8 unknown before the cut
            assertEquals(2.0 / 6, w.unreachableShare(), 1e-12);
            assertEquals(CUT, w.cut());
        }
    }

    @Test
    void trainingViewHoldsNothingAfterTheCut() {
        try (EvalWindow w = EvalWindow.of(spark, events(), CUT, 2, 0, 7)) {
            TrainView view = w.view();
            assertEquals(CUT.cut(), view.asOf());
            assertEquals(Set.of("1:m1", "2:m2", "3:m1", "4:m3", "7:m4"), pairs(view.data().interactions()),
                    "an event at the cut itself is training; nothing later is");
            Row latest = view.data().interactions().agg(max(col("time"))).first();
            assertFalse(((LocalDateTime) latest.get(0)).isAfter(CUT.cut()));
            assertEquals(List.of("m1", "m2", "m3", "m4"), Arrays.asList(view.data().movies()));
            assertEquals(4, w.catalogue());
            assertEquals(Set.of(1L, 2L, 3L, 4L, 7L), users(view.data().userIndex()));
            // u3's rating before the cut is kept, u1's rating inside the window is not
            assertEquals(Set.of("3:m1"), pairs(view.data().ratings()));
            assertEquals(4, view.data().ratings().first().getInt(2));
            // the fill ranking (half-life 7 days from the cut) only knows training movies: m4 (age 0,
            // score 1), m1 (ages 8.99 and 7 days: 0.41 + 0.5), m3 (age 6: 0.55), m2 (age 8: 0.45)
            List<String> fill = new ArrayList<>();
            for (int i : view.fallback().order()) {
                fill.add(view.data().movies()[i]);
            }
            assertEquals(List.of("m4", "m1", "m3", "m2"), fill);
            assertEquals(1.0, view.fallback().scores()[0], 1e-4);
            assertEquals(Math.pow(2, -8.99 / 7) + 0.5, view.fallback().scores()[1], 1e-3);
        }
    }

    @Test
    void validationWindowIsOneWindowEarlierAndDisjointFromTest() {
        TimeCut validation = CUT.previous();
        assertEquals(new TimeCut(day(9), day(10)), validation);
        try (EvalWindow w = EvalWindow.of(spark, events(), validation, 2, 0, 7)) {
            // before day 9: u1..u4; inside (9, 10]: only u7's first event: a new user
            assertEquals(0, w.userCount());
            assertEquals(Set.of("7:m4"), pairs(w.newRelevant()));
            assertEquals(1, w.newUserCount());
            assertEquals(Set.of("1:m1", "2:m2", "3:m1", "4:m3"), pairs(w.view().data().interactions()));
            assertEquals(1.0, w.unreachableShare(), 1e-12, "m4 was not known before day 9");
        }
    }
}
