package dev.marquee.batch.rank;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.stddev_pop;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The ranker's dense features of a (user, candidate) pair, all scaled to about [-3, 3]:
 * {@code [alsScore, popularity, year, hasYear, userInteractions, userMeanRating, genre...]}.
 * ALS score and mean rating are standardised with the ratings' mean and deviation; popularity is
 * {@code log(1+ratings)/max}; the year comes from the catalogue or the slug's last 4 digits
 * ({@code the+matrix+1999}); genres are multi-hot when a catalogue gives them.
 *
 * @param movies movie slugs by index
 * @param popularity by movie index, log count scaled to [0, 1]
 * @param year by movie index, {@code (year - 1990) / 20}, 0 when unknown
 * @param hasYear by movie index, 1 when the year is known
 * @param genreNames the genre vocabulary, sorted (empty without a catalogue)
 * @param genres by movie index, indices into {@code genreNames}
 * @param ratingMean mean of all ratings
 * @param ratingStd population deviation of all ratings (1 when degenerate)
 */
public record RankFeatures(String[] movies, float[] popularity, float[] year, float[] hasYear, String[] genreNames,
        int[][] genres, float ratingMean, float ratingStd) implements Serializable {

    /** Features before the genres. */
    public static final int BASE = 6;

    /**
     * Builds the movie side from the ratings ALS learned from.
     *
     * @param ratings {@code user(long), movie(string), rating(number)}
     * @param movies slugs by index (TrainingData.movies)
     * @param genresBySlug optional catalogue genres; empty map when there is none
     */
    public static RankFeatures from(Dataset<Row> ratings, String[] movies, Map<String, List<String>> genresBySlug) {
        Map<String, Long> counts = new HashMap<>();
        for (Row r : ratings.groupBy("movie").agg(count("*").as("n")).collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        long[] byIndex = new long[movies.length];
        for (int i = 0; i < movies.length; i++) {
            byIndex[i] = counts.getOrDefault(movies[i], 0L);
        }
        Row stats = ratings.agg(avg(col("rating")), stddev_pop(col("rating"))).first();
        float mean = stats.isNullAt(0) ? 0f : (float) stats.getDouble(0);
        float std = stats.isNullAt(1) ? 1f : (float) stats.getDouble(1);
        return of(movies, byIndex, genresBySlug, mean, std);
    }

    /** Builds the movie side from counts by movie index (benchmarks, tests). */
    public static RankFeatures of(String[] movies, long[] counts, Map<String, List<String>> genresBySlug,
            float ratingMean, float ratingStd) {
        int n = movies.length;
        double maxLog = 0;
        for (long c : counts) {
            maxLog = Math.max(maxLog, Math.log1p(c));
        }
        float[] popularity = new float[n];
        float[] year = new float[n];
        float[] hasYear = new float[n];
        for (int i = 0; i < n; i++) {
            popularity[i] = maxLog == 0 ? 0f : (float) (Math.log1p(counts[i]) / maxLog);
            int y = yearOf(movies[i]);
            if (y > 0) {
                year[i] = (y - 1990) / 20f;
                hasYear[i] = 1f;
            }
        }
        String[] names = new TreeSet<>(genresBySlug.values().stream().flatMap(List::stream).toList())
                .toArray(new String[0]);
        Map<String, Integer> nameIndex = new HashMap<>();
        for (int g = 0; g < names.length; g++) {
            nameIndex.put(names[g], g);
        }
        int[][] genres = new int[n][];
        for (int i = 0; i < n; i++) {
            genres[i] = genresBySlug.getOrDefault(movies[i], List.of()).stream().mapToInt(nameIndex::get).toArray();
        }
        float std = ratingStd > 1e-6f ? ratingStd : 1f;
        return new RankFeatures(movies, popularity, year, hasYear, names, genres, ratingMean, std);
    }

    /** The year in a slug's last 4 characters ({@code the+matrix+1999} -> 1999), or 0. */
    public static int yearOf(String slug) {
        int len = slug.length();
        if (len < 4 || (len > 4 && Character.isDigit(slug.charAt(len - 5)))) {
            return 0;
        }
        int y = 0;
        for (int k = len - 4; k < len; k++) {
            char ch = slug.charAt(k);
            if (ch < '0' || ch > '9') {
                return 0;
            }
            y = y * 10 + (ch - '0');
        }
        return y >= 1870 && y <= 2100 ? y : 0;
    }

    /**
     * Per-user history statistics.
     *
     * @param ratings {@code user, movie, rating}
     * @return {@code user(long), interactions(long), meanRating(double)}
     */
    public static Dataset<Row> userStats(Dataset<Row> ratings) {
        return ratings.groupBy("user").agg(count("*").as("interactions"), avg(col("rating")).as("meanRating"));
    }

    /** Length of a dense feature vector. */
    public int width() {
        return BASE + genreNames.length;
    }

    /** Slug to movie index (build once per partition). */
    public Map<String, Integer> index() {
        Map<String, Integer> index = new HashMap<>(movies.length * 2);
        for (int i = 0; i < movies.length; i++) {
            index.put(movies[i], i);
        }
        return index;
    }

    /** Writes one pair's features into {@code out} at {@code offset} ({@link #width()} floats). */
    public void fill(float[] out, int offset, int movie, float alsScore, long interactions, double meanRating) {
        out[offset] = (alsScore - ratingMean) / ratingStd;
        out[offset + 1] = popularity[movie];
        out[offset + 2] = year[movie];
        out[offset + 3] = hasYear[movie];
        out[offset + 4] = (float) (Math.log1p(interactions) / 5.0);
        out[offset + 5] = interactions == 0 ? 0f : (float) ((meanRating - ratingMean) / ratingStd);
        for (int g = BASE; g < width(); g++) {
            out[offset + g] = 0f;
        }
        for (int g : genres[movie]) {
            out[offset + BASE + g] = 1f;
        }
    }
}
