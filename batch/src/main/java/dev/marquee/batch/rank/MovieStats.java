package dev.marquee.batch.rank;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.marquee.batch.models.TrainView;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * What a view says about each movie as of its cut, log-transformed: interactions in the last 1, 7
 * and 30 days, all time, and days since the movie's first interaction (its age on the platform).
 * Computed from the view, not from the movie's identity, so a movie new since training is scored
 * like any other. One small array per movie: broadcast to executors.
 *
 * @param byMovie {@link #WIDTH} features per movie slug
 */
public record MovieStats(Map<String, float[]> byMovie) implements Serializable {
    /** Features per movie. */
    public static final int WIDTH = 5;
    /** Their names, in order. */
    public static final List<String> NAMES = List.of("log1p(count 1d)", "log1p(count 7d)", "log1p(count 30d)",
            "log1p(count all)", "log1p(age days)");
    private static final float[] UNKNOWN = new float[WIDTH];

    /** The statistics of every movie of {@code view} as of its cut. */
    public static MovieStats of(TrainView view) {
        LocalDateTime asOf = view.asOf();
        List<Row> rows = view.data().interactions().groupBy("movie").agg(
                recent(asOf.minusDays(1)), recent(asOf.minusDays(7)), recent(asOf.minusDays(30)),
                count(lit(1)).as("all"), min(col("time")).as("first")).collectAsList();
        Map<String, float[]> m = new HashMap<>(rows.size() * 2);
        double n = view.userScale(); // a sample's counts, as counts of everyone
        for (Row r : rows) {
            LocalDateTime first = r.getAs("first");
            double ageDays = first == null ? 0 : Math.max(0, Duration.between(first, asOf).toSeconds() / 86_400.0);
            m.put(r.getString(0), new float[] {log(n * r.getLong(1)), log(n * r.getLong(2)), log(n * r.getLong(3)),
                log(n * r.getLong(4)), log(ageDays)});
        }
        return new MovieStats(m);
    }

    /** A movie's features; zeros for a movie the view does not know. */
    public float[] of(String movie) {
        return byMovie.getOrDefault(movie, UNKNOWN);
    }

    private static Column recent(LocalDateTime since) {
        return sum(when(col("time").gt(lit(since)), 1L).otherwise(0L));
    }

    private static float log(double x) {
        return (float) Math.log1p(x);
    }
}
