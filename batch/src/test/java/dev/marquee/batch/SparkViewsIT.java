package dev.marquee.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marquee.batch.ingest.EventRows;
import dev.marquee.batch.recommend.ColdStart;
import dev.marquee.batch.train.TrainingData;
import dev.marquee.testkit.SparkExtension;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The training view and the cold-start list on tiny hand-checkable inputs, in real local Spark. */
@ExtendWith(SparkExtension.class)
class SparkViewsIT {
    private static SparkSession spark;

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
    }

    private static long offset;

    private static Row rate(long user, String movie, int rating, int minuteOfDay) {
        return RowFactory.create(EventRows.RATE, user, movie, rating, null, LocalDateTime.of(2025, 1, 1, 0, 0).plusMinutes(minuteOfDay),
                null, null, 0, offset++);
    }

    private static Row watch(long user, String movie, int minuteOfDay) {
        return RowFactory.create(EventRows.WATCH, user, movie, null, 1, LocalDateTime.of(2025, 1, 1, 0, 0).plusMinutes(minuteOfDay),
                null, null, 0, offset++);
    }

    @Test
    void latestRatingWinsAndWatchedMoviesAreSeen() {
        List<Row> rows = List.of(
                rate(1, "a", 1, 10), rate(1, "a", 5, 20), rate(1, "a", 3, 5), // latest by time is 5
                rate(2, "b", 4, 1), watch(2, "c", 2), watch(3, "d", 3),
                RowFactory.create(EventRows.REJECTED, null, null, null, null, null, "bad_time", "junk", 0, offset++));
        Dataset<Row> events = spark.createDataFrame(rows, EventRows.SCHEMA);
        TrainingData data = TrainingData.from(spark, dev.marquee.batch.train.Interactions.from(events));

        Map<String, Integer> ratings = new HashMap<>();
        for (Row r : data.ratings().collectAsList()) {
            ratings.put(r.getLong(0) + "/" + r.getString(1), r.getInt(2));
        }
        assertEquals(Map.of("1/a", 5, "2/b", 4), ratings);
        assertEquals(List.of("a", "b", "c", "d"), Arrays.asList(data.movies()));
        assertEquals(3, data.userIndex().count(), "every user with an interaction is indexed");
        assertEquals(2, data.indexedRatings().count(), "two rated pairs");
        assertEquals(4, data.indexedWatches().count(), "every touched pair has an implicit strength");

        Map<Long, Integer> userOf = new HashMap<>();
        data.userIndex().collectAsList().forEach(r -> userOf.put(r.getLong(0), r.getInt(1)));
        Map<Integer, List<Integer>> seen = new HashMap<>();
        data.seenByUser().collectAsList().forEach(r -> {
            List<Integer> s = new ArrayList<>(r.getList(1));
            s.sort(null);
            seen.put(r.getInt(0), s);
        });
        assertEquals(List.of(0), seen.get(userOf.get(1L)));
        assertEquals(List.of(1, 2), seen.get(userOf.get(2L)), "user 2 rated b and watched c");
        assertEquals(List.of(3), seen.get(userOf.get(3L)), "user 3 only watched d");
    }

    private static Dataset<Row> ratings(Object[][] table) {
        List<Row> rows = new ArrayList<>();
        for (Object[] r : table) {
            rows.add(RowFactory.create(r));
        }
        return spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("user", org.apache.spark.sql.types.DataTypes.LongType)
                .add("movie", org.apache.spark.sql.types.DataTypes.StringType)
                .add("rating", org.apache.spark.sql.types.DataTypes.IntegerType));
    }

    /**
     * a: 5,5,5 (v=3, R=5); b: 5 (v=1); c: 3,3,3 (v=3, R=3); d: 4,4 (v=2, R=4). C = 37/9.
     * With m=1: WR(a)=4.778, WR(b)=4.556, WR(d)=4.037, WR(c)=3.278. With m=3 only a and c qualify.
     */
    @Test
    void coldStartFollowsImdbWeightedRating() {
        Dataset<Row> r = ratings(new Object[][] {
                {1L, "a", 5}, {2L, "a", 5}, {3L, "a", 5}, {1L, "b", 5},
                {1L, "c", 3}, {2L, "c", 3}, {3L, "c", 3}, {1L, "d", 4}, {2L, "d", 4}});
        ColdStart all = ColdStart.compute(r, 0.0, 20);
        assertEquals(List.of("a", "b", "d", "c"), all.movies());
        assertEquals(1.0, all.minVotes(), 1e-9);
        assertEquals(37.0 / 9, all.meanRating(), 1e-9);
        double c = 37.0 / 9;
        float[] wr = {(float) (0.75 * 5 + 0.25 * c), (float) (0.5 * 5 + 0.5 * c), (float) (2.0 / 3 * 4 + c / 3),
            (float) (0.75 * 3 + 0.25 * c)};
        assertArrayEquals(wr, all.scores(), 1e-5f, "each movie's weighted rating, stored as its score");

        ColdStart popular = ColdStart.compute(r, 0.9, 20);
        assertEquals(3.0, popular.minVotes(), 1e-9);
        assertEquals(List.of("a", "c"), popular.movies());

        assertEquals(List.of("a", "b"), ColdStart.compute(r, 0.0, 2).movies());
    }
}
