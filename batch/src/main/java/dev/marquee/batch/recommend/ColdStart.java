package dev.marquee.batch.recommend;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The list an unknown or new user gets: the best movies by IMDB's weighted rating,
 * {@code WR = v/(v+m) R + m/(v+m) C}, where R is a movie's mean rating, v its number of ratings,
 * C the mean rating over all movies and m the minimum votes to be listed (a quantile of v, as
 * IMDB's Top 250 does). Movies with fewer than m votes are not listed.
 *
 * @param movies the list, best first
 * @param scores each movie's weighted rating WR, in the same order (stored beside the list)
 * @param minVotes m
 * @param meanRating C
 */
public record ColdStart(List<String> movies, float[] scores, double minVotes, double meanRating) {

    public ColdStart {
        movies = List.copyOf(movies);
        scores = scores.clone();
        if (scores.length != movies.size()) {
            throw new IllegalArgumentException(scores.length + " scores for " + movies.size() + " movies");
        }
    }

    /** The scores, a copy. */
    @Override
    public float[] scores() {
        return scores.clone();
    }

    /** Computes the list from {@code user, movie, rating} (latest rating per pair). */
    public static ColdStart compute(Dataset<Row> ratings, double votesQuantile, int n) {
        Dataset<Row> perMovie = ratings.groupBy("movie")
                .agg(count(lit(1)).cast("double").as("v"), avg(col("rating")).as("R"))
                .cache();
        double c = ratings.agg(avg(col("rating"))).first().getDouble(0);
        double m = Math.max(1.0, perMovie.stat().approxQuantile("v", new double[] {votesQuantile}, 0.001)[0]);
        List<Row> best = perMovie.filter(col("v").geq(m))
                .withColumn("wr", col("v").divide(col("v").plus(m)).multiply(col("R"))
                        .plus(lit(m).divide(col("v").plus(m)).multiply(c)))
                .orderBy(col("wr").desc(), col("v").desc(), col("movie"))
                .limit(n)
                .select("movie", "wr")
                .collectAsList();
        perMovie.unpersist();
        List<String> movies = new ArrayList<>(best.size());
        float[] scores = new float[best.size()];
        for (int i = 0; i < best.size(); i++) {
            movies.add(best.get(i).getString(0));
            scores[i] = (float) best.get(i).getDouble(1);
        }
        return new ColdStart(movies, scores, m, c);
    }
}
