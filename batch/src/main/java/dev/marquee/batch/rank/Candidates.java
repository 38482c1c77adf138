package dev.marquee.batch.rank;

import static org.apache.spark.sql.functions.col;

import dev.marquee.batch.recommend.ItemFactors;
import dev.marquee.batch.recommend.Partitions;
import dev.marquee.batch.recommend.TopK;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/** Stage one: each user's top C unseen movies by ALS score, computed inside Spark partitions. */
public final class Candidates {
    /** {@code user(long), movies(array<string>), alsScores(array<float>)}, best first. */
    public static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("movies", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("alsScores", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private Candidates() {}

    /**
     * Candidates for every user of an ALS model.
     *
     * @param userIndex {@code user(long), u(int)}
     * @param seenByUser {@code u(int), seen(array<int>)}: never offered
     * @param movies slugs by item index
     */
    public static Dataset<Row> of(SparkSession spark, ALSModel model, Dataset<Row> userIndex, Dataset<Row> seenByUser,
            String[] movies, int c) {
        Dataset<Row> users = model.userFactors().withColumnRenamed("id", "u")
                .join(userIndex, "u")
                .join(seenByUser, "u")
                .select(col("user"), col("features"), col("seen"));
        return generate(spark, users, ItemFactors.of(model), movies, c);
    }

    /**
     * Candidates from user factors given as rows.
     *
     * @param users {@code user(long), features(array<float>), seen(array<int>)} (seen may be null)
     */
    public static Dataset<Row> generate(SparkSession spark, Dataset<Row> users, ItemFactors items, String[] movies, int c) {
        return generate(spark, users, items, movies, c, new int[0]);
    }

    /**
     * Same, and each user's candidates also get the movies of {@code popular} (item indices, most
     * popular first) that ALS did not retrieve and the user has not seen, with their ALS scores:
     * a second retrieval source, so the ranker can prefer what is popular when that is right.
     */
    public static Dataset<Row> generate(SparkSession spark, Dataset<Row> users, ItemFactors items, String[] movies, int c,
            int[] popular) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ItemFactors> factors = jsc.broadcast(items);
        Broadcast<String[]> names = jsc.broadcast(movies);
        Broadcast<int[]> mostPopular = jsc.broadcast(popular);
        MapPartitionsFunction<Row, Row> f = rows -> partition(rows, factors.value(), names.value(), c, mostPopular.value());
        return users.mapPartitions(f, Encoders.row(SCHEMA));
    }

    private static Iterator<Row> partition(Iterator<Row> rows, ItemFactors items, String[] movies, int c, int[] popular) {
        TopK top = new TopK(c);
        float[] user = new float[items.rank()];
        boolean[] seen = new boolean[movies.length];
        int[] rowOf = new int[movies.length];
        java.util.Arrays.fill(rowOf, -1);
        for (int r = 0; r < items.items().length; r++) {
            rowOf[items.items()[r]] = r;
        }
        return Partitions.map(rows, row -> {
            List<Integer> seenList = Partitions.load(row, user, seen);
            items.scoreInto(user, seen, top);
            int[] best = top.items();
            float[] scores = top.scores();
            List<String> slugs = new ArrayList<>(best.length + popular.length);
            List<Float> boxed = new ArrayList<>(best.length + popular.length);
            for (int k = 0; k < best.length; k++) {
                slugs.add(movies[best[k]]);
                boxed.add(scores[k]);
                seen[best[k]] = true;
            }
            for (int item : popular) {
                if (!seen[item] && rowOf[item] >= 0) {
                    slugs.add(movies[item]);
                    boxed.add(dot(user, items, rowOf[item]));
                }
            }
            Partitions.unmark(seenList, seen);
            for (int item : best) {
                seen[item] = false;
            }
            return RowFactory.create(row.getLong(0), CollectionConverters.asScala(slugs).toSeq(),
                    CollectionConverters.asScala(boxed).toSeq());
        });
    }

    private static float dot(float[] user, ItemFactors items, int row) {
        float s = 0f;
        int base = row * items.rank();
        for (int k = 0; k < user.length; k++) {
            s += user[k] * items.matrix()[base + k];
        }
        return s;
    }
}
