package dev.marquee.batch.rank;

import dev.marquee.batch.recommend.TopK;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A trained ranker: plain arrays only (no native memory, nothing to close). Re-ranks candidates
 * inside Spark partitions: weights and movie features are broadcast, each partition scores its
 * users' candidates with one {@link RankerWeights.Forward} and keeps the best N.
 *
 * @param userStats {@code user, interactions, meanRating} (a user without a row gets zeros)
 */
public record TrainedRanker(RankerWeights weights, RankFeatures features, Dataset<Row> userStats,
        RankerParams params, TrainingReport report) {

    /** {@code user(long), movies(array<string>), scores(array<float>)}: logits, best first. */
    public static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("movies", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("scores", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** The N best of every user's candidates ({@link Candidates#SCHEMA}), sorted by user id. */
    public Dataset<Row> rerank(SparkSession spark, Dataset<Row> candidates, int n) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Model> model = jsc.broadcast(new Model(weights, features, params));
        Dataset<Row> rows = candidates.join(userStats, new String[] {"user"}, "left")
                .select("user", "movies", "alsScores", "interactions", "meanRating");
        MapPartitionsFunction<Row, Row> f = it -> partition(it, model.value(), n);
        return rows.mapPartitions(f, Encoders.row(SCHEMA)).orderBy("user");
    }

    /** What executors need. */
    private record Model(RankerWeights weights, RankFeatures features, RankerParams params)
            implements java.io.Serializable { }

    private static Iterator<Row> partition(Iterator<Row> rows, Model model, int n) {
        Map<String, Integer> index = model.features().index();
        RankerWeights.Forward forward = model.weights().forward();
        int width = model.features().width();
        TopK top = new TopK(n);
        return new Iterator<>() {
            private float[] dense = new float[0];

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row row = rows.next();
                long user = row.getLong(0);
                List<String> movies = row.getList(1);
                List<Float> als = row.getList(2);
                long interactions = row.isNullAt(3) ? 0L : row.getLong(3);
                double mean = row.isNullAt(4) ? 0.0 : row.getDouble(4);
                if (dense.length < movies.size() * width) {
                    dense = new float[movies.size() * width];
                }
                int bucket = model.params().bucket(user);
                top.reset();
                for (int k = 0; k < movies.size(); k++) {
                    Integer known = index.get(movies.get(k));
                    if (known == null) {
                        continue; // a movie new since the ranker was trained: it has no features, skip it
                    }
                    int movie = known;
                    model.features().fill(dense, k * width, movie, als.get(k), interactions, mean);
                    top.offer(k, forward.score(bucket, movie, dense, k * width));
                }
                int[] best = top.items();
                float[] scores = top.scores();
                List<String> names = new ArrayList<>(best.length);
                List<Float> boxed = new ArrayList<>(best.length);
                for (int k = 0; k < best.length; k++) {
                    names.add(movies.get(best[k]));
                    boxed.add(scores[k]);
                }
                return RowFactory.create(user, CollectionConverters.asScala(names).toSeq(),
                        CollectionConverters.asScala(boxed).toSeq());
            }
        };
    }
}
