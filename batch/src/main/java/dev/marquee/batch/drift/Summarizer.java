package dev.marquee.batch.drift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.marquee.batch.ingest.EventRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * One run's accepted events -> its {@link RunSummary}, with a few small Spark aggregations; only
 * aggregates and bounded samples reach the driver (a count per movie at most).
 */
public final class Summarizer {
    private static final long BUCKETS = 1_000_000;
    /** The pairs behind the shares and the per-user sample come from at most this many sample sizes of users. */
    private static final int PAIR_USERS_PER_SAMPLE = 10;

    private Summarizer() {}

    /**
     * @param run the run's number
     * @param events the run's accepted events ({@code kind, user, movie, rating, minute})
     * @param accepted accepted records
     * @param rejectedByReason rejected records per reason
     * @param sampleSize at most this many users and sessions in the samples
     */
    public static RunSummary of(int run, Dataset<Row> events, long accepted, Map<String, Long> rejectedByReason,
            int sampleSize) {
        SortedMap<String, Long> ratings = new TreeMap<>();
        for (Row r : events.filter(col("kind").equalTo(EventRows.RATE)).groupBy("rating").count().collectAsList()) {
            ratings.put(String.valueOf(r.getInt(0)), r.getLong(1));
        }
        SortedMap<String, Long> lines = new TreeMap<>(rejectedByReason);
        lines.put(RunSummary.ACCEPTED, accepted);
        // The totals count every user: one aggregation of the user column.
        Row users = events.filter(col("user").isNotNull()).groupBy("user")
                .agg(max(when(col("kind").equalTo(EventRows.ACCOUNT), 1).otherwise(0)).as("created"))
                .agg(count(lit(1)), sum("created")).first();
        long active = users.getLong(0);
        long created = users.isNullAt(1) ? 0 : users.getLong(1);

        // The user-movie pairs once (distinct), of a hash subset of at most PAIR_USERS_PER_SAMPLE times the
        // sample size in users: the movies per user and the pairs per movie both come from them, and a big
        // night's events are not all shuffled for shares and a bounded sample.
        Dataset<Row> pairs = events.filter(col("kind").isin(EventRows.RATE, EventRows.WATCH))
                .filter(userSubset(active, (long) PAIR_USERS_PER_SAMPLE * sampleSize))
                .select("user", "movie").distinct().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            SortedMap<Long, Long> perUserSample = sample(pairs.groupBy("user").agg(count(lit(1)).as("movies")), "movies",
                    sampleSize, col("user"));
            // A session: a user's consecutive minutes of one movie (minute - its rank is constant along a run),
            // found only for a hash subset of about twice the sample size in users.
            Dataset<Row> minutes = events.filter(col("kind").equalTo(EventRows.WATCH))
                    .filter(userSubset(active, 2L * sampleSize))
                    .select("user", "movie", "minute").distinct();
            Dataset<Row> sessions = minutes.withColumn("island", col("minute").minus(
                            dense_rank().over(Window.partitionBy("user", "movie").orderBy("minute"))))
                    .groupBy("user", "movie", "island").agg(count(lit(1)).as("minutes"));
            SortedMap<Long, Long> sessionSample = sample(sessions, "minutes", sampleSize,
                    col("user"), col("movie"), col("island"));
            return new RunSummary(run, ratings, popularity(pairs), active, created, lines, perUserSample, sessionSample);
        } finally {
            pairs.unpersist();
        }
    }

    /** Every user when there are at most {@code users} of {@code active}, else a hash subset of about that many. */
    private static Column userSubset(long active, long users) {
        long keep = active <= users ? BUCKETS : Math.max(1, BUCKETS * users / active);
        return pmod(xxhash64(col("user")), lit(BUCKETS)).lt(keep);
    }

    /** Shares of the distinct user-movie pairs per decile of movies, most touched first. */
    static double[] popularity(Dataset<Row> pairs) {
        List<Long> perMovie = new ArrayList<>();
        for (Row r : pairs.groupBy("movie").count().select("count")
                .collectAsList()) {
            perMovie.add(r.getLong(0));
        }
        return deciles(perMovie);
    }

    /** The share of the sum held by each tenth of the values, largest values first. */
    static double[] deciles(List<Long> counts) {
        List<Long> sorted = new ArrayList<>(counts);
        sorted.sort(java.util.Comparator.reverseOrder());
        double[] bins = new double[RunSummary.DECILES];
        int n = sorted.size();
        for (int i = 0; i < n; i++) {
            bins[(int) ((long) i * RunSummary.DECILES / n)] += sorted.get(i);
        }
        return DriftStatistics.shares(bins);
    }

    /** A histogram (value -> rows) of {@code value} over at most {@code size} rows, chosen by a hash of {@code key}. */
    private static SortedMap<Long, Long> sample(Dataset<Row> rows, String value, int size, Column... key) {
        SortedMap<Long, Long> histogram = new TreeMap<>();
        List<Row> chosen = rows.select(xxhash64(key).as("h"), col(value).cast("long").as("v"))
                .orderBy("h", "v").limit(size).select("v").collectAsList();
        for (Row r : chosen) {
            histogram.merge(r.getLong(0), 1L, Long::sum);
        }
        return histogram;
    }
}
