package dev.marquee.batch.train;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import dev.marquee.batch.ingest.EventRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One row per (user, movie) the user touched: {@code user, movie, rating, minutes, time}. The
 * rating is the user's latest for that movie (null if never rated), minutes the distinct minutes
 * streamed (null if never watched), time the latest of both. Every model and the holdout start
 * from this.
 */
public final class Interactions {
    private Interactions() {}

    /** Builds the interactions from lake events ({@code kind, user, movie, rating, minute, time, partition, offset}). */
    public static Dataset<Row> from(Dataset<Row> events) {
        Dataset<Row> ratings = events.filter(col("kind").equalTo(EventRows.RATE))
                .groupBy("user", "movie")
                .agg(max_by(col("rating"), struct(col("time"), col("partition"), col("offset"))).as("rating"),
                        max(col("time")).as("ratedAt"));
        Dataset<Row> watched = events.filter(col("kind").equalTo(EventRows.WATCH))
                .groupBy("user", "movie")
                .agg(countDistinct(col("minute")).cast("int").as("minutes"), max(col("time")).as("watchedAt"));
        return ratings.join(watched, new String[] {"user", "movie"}, "full_outer")
                .select(col("user"), col("movie"), col("rating"), col("minutes"),
                        coalesce(greatest(col("ratedAt"), col("watchedAt")), col("ratedAt"), col("watchedAt")).as("time"));
    }
}
