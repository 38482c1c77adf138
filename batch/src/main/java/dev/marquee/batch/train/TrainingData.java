package dev.marquee.batch.train;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the models learn from, built from {@link Interactions}.
 *
 * <p>ALS wants dense int ids, the platform has 64-bit user ids and string slugs, so users and
 * movies are indexed: {@code u} and {@code i}.
 *
 * @param interactions {@code user, movie, rating, minutes, time}
 * @param ratings {@code user, movie, rating}: the latest rating of every rated pair
 * @param movies every movie in the interactions, by index {@code i}
 * @param movieIndex {@code movie, i}
 * @param userIndex {@code user, u} for every user with an interaction
 * @param indexedRatings {@code u, i, rating(float)}: explicit ALS input
 * @param indexedWatches {@code u, i, strength(float)}: implicit ALS input, log(1 + minutes) plus
 *     1 for a rating (a rated movie was watched)
 * @param seenByUser {@code u, seen(array<int>)}: movies a user rated or watched, never recommended
 */
public record TrainingData(
        Dataset<Row> interactions,
        Dataset<Row> ratings,
        String[] movies,
        Dataset<Row> movieIndex,
        Dataset<Row> userIndex,
        Dataset<Row> indexedRatings,
        Dataset<Row> indexedWatches,
        Dataset<Row> seenByUser) {

    /** Builds the view from interactions; the datasets it returns are cached where reused. */
    public static TrainingData from(SparkSession spark, Dataset<Row> interactions) {
        Dataset<Row> cached = interactions.cache();
        Dataset<Row> ratings = cached.filter(col("rating").isNotNull()).select("user", "movie", "rating");

        List<Row> movieRows = cached.select("movie").distinct().orderBy("movie").collectAsList();
        String[] movies = new String[movieRows.size()];
        List<Row> indexRows = new ArrayList<>(movies.length);
        for (int i = 0; i < movies.length; i++) {
            movies[i] = movieRows.get(i).getString(0);
            indexRows.add(RowFactory.create(movies[i], i));
        }
        StructType movieSchema = new StructType().add("movie", DataTypes.StringType, false).add("i", DataTypes.IntegerType, false);
        Dataset<Row> movieIndex = spark.createDataFrame(indexRows, movieSchema);

        // Sorted first: zipWithIndex evaluates its input more than once, and only a sorted input
        // numbers every user the same way each time (a lost cached block is recomputed alike too).
        Dataset<Row> userIndex = indexUsers(spark, cached.select("user").distinct().orderBy("user")).cache();
        Dataset<Row> indexed = cached.join(userIndex, "user").join(movieIndex, "movie");
        Dataset<Row> indexedRatings = indexed.filter(col("rating").isNotNull())
                .select(col("u"), col("i"), col("rating").cast(DataTypes.FloatType).as("rating"));
        Dataset<Row> indexedWatches = indexed.select(col("u"), col("i"),
                log1p(coalesce(col("minutes"), lit(0))).plus(when(col("rating").isNotNull(), lit(1.0)).otherwise(lit(0.0)))
                        .cast(DataTypes.FloatType).as("strength"));
        Dataset<Row> seenByUser = indexed.groupBy("u").agg(collect_list(col("i")).as("seen")).cache();
        return new TrainingData(cached, ratings, movies, movieIndex, userIndex, indexedRatings, indexedWatches, seenByUser);
    }

    /** For each of this view's movie indices, the same movie's index in {@code other} (-1: not there). */
    public int[] movieIndexIn(TrainingData other) {
        java.util.Map<String, Integer> there = new java.util.HashMap<>(other.movies().length * 2);
        for (int i = 0; i < other.movies().length; i++) {
            there.put(other.movies()[i], i);
        }
        int[] map = new int[movies.length];
        for (int i = 0; i < movies.length; i++) {
            map[i] = there.getOrDefault(movies[i], -1);
        }
        return map;
    }

    /** {@code pairs} ({@code user, movie, ...}) with their indices {@code u, i}; pairs of unknown users or movies drop out. */
    public Dataset<Row> index(Dataset<Row> pairs) {
        return pairs.join(userIndex, "user").join(movieIndex, "movie");
    }

    /** Frees what {@link #from} cached. */
    public void release() {
        interactions.unpersist();
        userIndex.unpersist();
        seenByUser.unpersist();
    }

    private static Dataset<Row> indexUsers(SparkSession spark, Dataset<Row> users) {
        JavaRDD<Row> indexed = users.javaRDD().zipWithIndex().map(t -> {
            if (t._2() > Integer.MAX_VALUE) {
                throw new IllegalStateException("more than 2^31 users: ALS cannot index them");
            }
            return RowFactory.create(t._1().getLong(0), (int) (long) t._2());
        });
        StructType schema = new StructType().add("user", DataTypes.LongType, false).add("u", DataTypes.IntegerType, false);
        return spark.createDataFrame(indexed, schema);
    }
}
