package dev.marquee.batch.rank;

import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The ranker's training signal: a few ratings per user hidden from ALS. ALS is fitted on {@code
 * train}; the held-out movies are the positives among that model's candidates.
 */
public final class HoldOut {
    private HoldOut() {}

    /**
     * Splits ratings; a user gives {@code perUser} ratings (chosen by a seeded hash) only if at
     * least {@code minKeep} remain for ALS.
     *
     * @param indexedRatings {@code u, i, rating}
     */
    public static Split split(Dataset<Row> indexedRatings, int perUser, int minKeep, long seed) {
        Dataset<Row> ranked = indexedRatings
                .withColumn("_n", count("*").over(Window.partitionBy("u")))
                .withColumn("_r", row_number().over(Window.partitionBy("u").orderBy(xxhash64(col("u"), col("i"), lit(seed)), col("i"))));
        org.apache.spark.sql.Column held = col("_r").leq(perUser).and(col("_n").geq(perUser + minKeep));
        Dataset<Row> train = ranked.filter(held.unary_$bang()).select("u", "i", "rating");
        Dataset<Row> heldOut = ranked.filter(held).select("u", "i");
        return new Split(train, heldOut);
    }

    /**
     * @param train {@code u, i, rating}: what ALS learns from
     * @param heldOut {@code u, i}: the ranker's positives
     */
    public record Split(Dataset<Row> train, Dataset<Row> heldOut) {
        /** Held-out pairs as {@code user(long), movie(string)}. */
        public Dataset<Row> positives(SparkSession spark, Dataset<Row> userIndex, String[] movies) {
            List<Row> rows = new ArrayList<>(movies.length);
            for (int i = 0; i < movies.length; i++) {
                rows.add(RowFactory.create(i, movies[i]));
            }
            StructType schema = new StructType().add("i", DataTypes.IntegerType, false).add("movie", DataTypes.StringType, false);
            return heldOut.join(userIndex, "u").join(spark.createDataFrame(rows, schema), "i").select("user", "movie");
        }

        /** {@code u, seen}: the seen lists without the held-out movies, so they can be candidates. */
        public Dataset<Row> seenWithout(Dataset<Row> seenByUser) {
            Dataset<Row> held = heldOut.groupBy("u").agg(collect_list(col("i")).as("_held"));
            return seenByUser.join(held, seenByUser.col("u").equalTo(held.col("u")), "left")
                    .select(seenByUser.col("u"), coalesce(array_except(col("seen"), col("_held")), col("seen")).as("seen"));
        }
    }
}
