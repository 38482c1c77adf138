package dev.marquee.batch.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.testkit.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A run's summary from hand-made events in real Spark. */
@ExtendWith(SparkExtension.class)
class SummarizerIT {
    private static final StructType SCHEMA = new StructType().add("kind", DataTypes.StringType)
            .add("user", DataTypes.LongType).add("movie", DataTypes.StringType).add("rating", DataTypes.IntegerType)
            .add("minute", DataTypes.IntegerType);

    private static Row rate(long user, String movie, int rating) {
        return RowFactory.create("rate", user, movie, rating, null);
    }

    private static Row watch(long user, String movie, int minute) {
        return RowFactory.create("watch", user, movie, null, minute);
    }

    @Test
    void countsSessionsNewUsersAndRatings(SparkSession spark) {
        List<Row> rows = new ArrayList<>(List.of(
                RowFactory.create("account", 2L, null, null, null),
                RowFactory.create("account", 3L, null, null, null), // created, nothing else: active, new, no movie
                rate(1, "a", 5), rate(1, "b", 4), rate(2, "a", 5),
                // user 1, movie a: minutes 0-2 and 5-6 (two sessions: 3 and 2 minutes), minute 1 twice
                watch(1, "a", 0), watch(1, "a", 1), watch(1, "a", 1), watch(1, "a", 2), watch(1, "a", 5), watch(1, "a", 6),
                watch(2, "c", 7)));
        Dataset<Row> events = spark.createDataFrame(rows, SCHEMA);
        RunSummary s = Summarizer.of(7, events, 14, Map.of("duplicate", 1L), 100);
        assertEquals(7, s.run());
        assertEquals(new TreeMap<>(Map.of("4", 1L, "5", 2L)), s.ratings());
        assertEquals(3, s.activeUsers());
        assertEquals(2, s.newUsers());
        assertEquals(new TreeMap<>(Map.of("accepted", 14L, "duplicate", 1L)), s.lines());
        // user 1: movies a, b; user 2: a, c; user 3 touched none and is left out
        assertEquals(new TreeMap<>(Map.of(2L, 2L)), s.interactionsPerUser());
        assertEquals(new TreeMap<>(Map.of(1L, 1L, 2L, 1L, 3L, 1L)), s.sessionMinutes());
        // pairs per movie: a 2, b 1, c 1 over 3 movies: deciles 0-3 hold a (2/4), 4-6 b, 7-9 c
        assertEquals(0.5, s.popularity()[0], 1e-12);
        assertEquals(1.0, java.util.Arrays.stream(s.popularity()).sum(), 1e-12);
    }

    @Test
    void theSamplesAreBoundedAndTheSameForTheSameData(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (long u = 1; u <= 500; u++) {
            for (int m = 0; m < 1 + u % 7; m++) {
                rows.add(rate(u, "m" + m, 3));
                rows.add(watch(u, "m" + m, m % 2)); // two one-minute sessions, or one of two minutes
                rows.add(watch(u, "m" + m, 2));
            }
        }
        Dataset<Row> events = spark.createDataFrame(rows, SCHEMA);
        RunSummary once = Summarizer.of(1, events, rows.size(), Map.of(), 120);
        RunSummary again = Summarizer.of(1, events.repartition(3), rows.size(), Map.of(), 120);
        assertEquals(120, once.interactionsPerUser().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(once.interactionsPerUser(), again.interactionsPerUser(), "a hash sample, not a random one");
        assertEquals(500, once.activeUsers(), "the totals count every user");
        long sessions = once.sessionMinutes().values().stream().mapToLong(Long::longValue).sum();
        assertTrue(sessions > 60 && sessions <= 120, "sessions of a hash subset of about 240 users, at most 120: " + sessions);
        assertEquals(once.sessionMinutes(), again.sessionMinutes());
    }

    @Test
    void decilesOfMovieCounts() {
        List<Long> counts = new ArrayList<>();
        for (long i = 1; i <= 20; i++) {
            counts.add(i);
        }
        double[] d = Summarizer.deciles(counts); // 20 movies: two per decile, largest first; 210 in all
        assertEquals((20 + 19) / 210.0, d[0], 1e-12);
        assertEquals((2 + 1) / 210.0, d[9], 1e-12);
        assertArrayEquals(new double[10], Summarizer.deciles(List.of()), 1e-12);
    }
}
