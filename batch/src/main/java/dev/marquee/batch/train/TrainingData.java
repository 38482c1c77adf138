package dev.marquee.batch.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import dev.marquee.batch.ingest.EventRows;
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
 * What the models learn from, built from the parsed events.
 *
 * <p>ALS wants dense int ids, the platform has 64-bit user ids and string slugs, so users and
 * movies are indexed: {@code u} and {@code i}.
 *
 * @param ratings latest rating per (user, movie): {@code user, movie, rating}
 * @param movies every movie seen in a rating or a watch, by index {@code i}
 * @param userIndex {@code user, u} for every user with a rating
 * @param indexedRatings {@code u, i, rating(float)}: ALS input
 * @param seenByUser {@code u, seen(array<int>)}: movies a user rated or watched, never recommended
 * @param minutesWatched {@code user, movie, minutes}: distinct minutes of the movie the user streamed
 */
public record TrainingData(
        Dataset<Row> ratings,
        String[] movies,
        Dataset<Row> userIndex,
        Dataset<Row> indexedRatings,
        Dataset<Row> seenByUser,
        Dataset<Row> minutesWatched) {

    /** Builds the view; the datasets it returns are cached where reused. */
    public static TrainingData from(SparkSession spark, Dataset<Row> events) {
        Dataset<Row> ratings = events.filter(col("kind").equalTo(EventRows.RATE))
                .groupBy("user", "movie")
                .agg(max_by(col("rating"), struct(col("time"), col("partition"), col("offset"))).as("rating"))
                .cache();
        Dataset<Row> watches = events.filter(col("kind").equalTo(EventRows.WATCH));
        Dataset<Row> minutesWatched = watches.groupBy("user", "movie").agg(countDistinct(col("minute")).as("minutes"));
        Dataset<Row> seen = ratings.select("user", "movie").union(minutesWatched.select("user", "movie")).distinct();

        List<Row> movieRows = seen.select("movie").distinct().orderBy("movie").collectAsList();
        String[] movies = new String[movieRows.size()];
        List<Row> indexRows = new ArrayList<>(movies.length);
        for (int i = 0; i < movies.length; i++) {
            movies[i] = movieRows.get(i).getString(0);
            indexRows.add(RowFactory.create(movies[i], i));
        }
        StructType movieSchema = new StructType().add("movie", DataTypes.StringType, false).add("i", DataTypes.IntegerType, false);
        Dataset<Row> movieIndex = spark.createDataFrame(indexRows, movieSchema);

        Dataset<Row> userIndex = indexUsers(spark, ratings.select("user").distinct()).cache();
        Dataset<Row> indexedRatings = ratings.join(userIndex, "user").join(movieIndex, "movie")
                .select(col("u"), col("i"), col("rating").cast(DataTypes.FloatType).as("rating"))
                .cache();
        Dataset<Row> seenByUser = seen.join(userIndex, "user").join(movieIndex, "movie")
                .groupBy("u").agg(collect_list(col("i")).as("seen"));
        return new TrainingData(ratings, movies, userIndex, indexedRatings, seenByUser, minutesWatched);
    }

    private static Dataset<Row> indexUsers(SparkSession spark, Dataset<Row> users) {
        JavaRDD<Row> indexed = users.javaRDD().zipWithIndex().map(t -> {
            if (t._2() > Integer.MAX_VALUE) {
                throw new IllegalStateException("more than 2^31 users with ratings: ALS cannot index them");
            }
            return RowFactory.create(t._1().getLong(0), (int) (long) t._2());
        });
        StructType schema = new StructType().add("user", DataTypes.LongType, false).add("u", DataTypes.IntegerType, false);
        return spark.createDataFrame(indexed, schema);
    }
}
