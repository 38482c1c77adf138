package dev.marquee.batch.recommend;

import static org.apache.spark.sql.functions.col;

import dev.marquee.batch.train.TrainingData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every user's N best movies that the user has neither rated nor watched. Item factors and the
 * movie names are broadcast; users are scored inside Spark partitions, a block of users at a time
 * with one matrix multiply ({@link FactorScorer}), so this distributes with the cluster.
 */
public final class TopNRecommender {
    /** {@code user(long), movies(array<string>), scores(array<float>)}, best first. */
    public static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("movies", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("scores", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private TopNRecommender() {}

    /**
     * Lists for the users of {@code userIndex} ({@code user, u}) that have factors in {@code userFactors}
     * ({@code u, features}: an ALS model's, or folded in, {@link FoldIn}), in no order: a sort here would
     * score every user twice (Spark's range partitioner samples its input by computing it), and the lists
     * mostly feed a grouping (the ranker's candidates) or an evaluation; the store's sort is the publisher's.
     */
    public static Dataset<Row> recommend(SparkSession spark, Dataset<Row> userFactors, ItemFactors itemFactors,
            TrainingData data, Dataset<Row> userIndex, int n) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ItemFactors> items = jsc.broadcast(itemFactors);
        Broadcast<String[]> movies = jsc.broadcast(data.movies());
        Dataset<Row> users = userFactors
                .join(userIndex, "u")
                .join(data.seenByUser(), "u")
                .select(col("user"), col("features"), col("seen"));
        MapPartitionsFunction<Row, Row> score = rows -> scorePartition(rows, items.value(), movies.value(), n);
        return users.mapPartitions(score, Encoders.row(SCHEMA));
    }

    /** Users in blocks of {@link FactorScorer#BLOCK}: one matrix multiply per block, then each row's best N unseen. */
    private static Iterator<Row> scorePartition(Iterator<Row> rows, ItemFactors items, String[] movies, int n) {
        TopK top = new TopK(n);
        FactorScorer scorer = new FactorScorer(items);
        boolean[] seen = new boolean[movies.length];
        int rank = items.rank();
        return Partitions.blocks(rows, FactorScorer.BLOCK, block -> {
            for (int b = 0; b < block.size(); b++) {
                Partitions.features(block.get(b), scorer.users(), b * rank, rank);
            }
            scorer.score(block.size());
            List<Row> out = new ArrayList<>(block.size());
            for (int b = 0; b < block.size(); b++) {
                Row row = block.get(b);
                List<Integer> seenList = Partitions.mark(row, seen);
                scorer.top(b, seen, top);
                Partitions.unmark(seenList, seen);
                out.add(UserLists.row(row.getLong(0), top, movies));
            }
            return out;
        });
    }
}
