package dev.marquee.batch.eval.metrics;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.marquee.batch.recommend.Partitions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rating and ranking metrics over Spark datasets. The per-user ranking math is {@link UserScores}
 * (plain Java); here users are scored inside partitions and only sums reach the driver.
 */
public final class Metrics {
    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
    private static final StructType SCORES = new StructType()
            .add("precision", DataTypes.DoubleType, false)
            .add("recall", DataTypes.DoubleType, false)
            .add("ndcg", DataTypes.DoubleType, false)
            .add("ap", DataTypes.DoubleType, false)
            .add("cold", DataTypes.IntegerType, false)
            .add("missing", DataTypes.IntegerType, false);

    private Metrics() {}

    /** RMSE and MAE over {@code rating, prediction}; NaN or null predictions are skipped and counted. */
    public static RatingMetrics rating(Dataset<Row> predictions) {
        Row r = predictions
                .withColumn("_ok", col("prediction").isNotNull().and(not(isnan(col("prediction")))))
                .agg(sum(when(col("_ok"), 1).otherwise(0)).as("n"),
                        sum(when(col("_ok"), 0).otherwise(1)).as("skipped"),
                        avg(when(col("_ok"), pow(col("rating").minus(col("prediction")), 2))).as("mse"),
                        avg(when(col("_ok"), abs(col("rating").minus(col("prediction"))))).as("mae"))
                .first();
        long n = r.isNullAt(0) ? 0 : r.getLong(0);
        long skipped = r.isNullAt(1) ? 0 : r.getLong(1);
        double mse = r.isNullAt(2) ? Double.NaN : r.getDouble(2);
        double mae = r.isNullAt(3) ? Double.NaN : r.getDouble(3);
        return new RatingMetrics(n, skipped, Math.sqrt(mse), mae);
    }

    /**
     * Ranking metrics of {@code lists} ({@code user, movies(array<string>)}, best first) against
     * {@code relevant} ({@code user, movie}: the test interactions). Every user of {@code relevant}
     * is evaluated: one without a personal list gets {@code coldStart} if it is not empty (counted
     * in {@link RankingMetrics#coldStartShare}), else zeros. Coverage counts the distinct movies in
     * the top K of every list given (all users', not only test users') plus the cold-start list if
     * any test user got it, over {@code catalogueSize}.
     */
    public static RankingMetrics ranking(Dataset<Row> lists, Dataset<Row> relevant, List<String> coldStart, int k,
            long catalogueSize) {
        SparkSession spark = lists.sparkSession();
        List<String> cold = List.copyOf(coldStart);
        Dataset<Row> perUser = relevant.groupBy("user").agg(collect_set(col("movie")).as("relevant"))
                .join(lists.select(col("user"), col("movies")), new String[] {"user"}, "left");
        MapPartitionsFunction<Row, Row> score = rows -> scorePartition(rows, cold, k);
        Row totals = perUser.select(col("relevant"), col("movies"))
                .mapPartitions(score, Encoders.row(SCORES))
                .agg(count(lit(1)), sum("precision"), sum("recall"), sum("ndcg"), sum("ap"), sum("cold"),
                        sum("missing"))
                .first();
        long users = totals.getLong(0);
        if (users == 0) {
            throw new IllegalArgumentException("no test user to evaluate");
        }
        long coldUsers = totals.getLong(5);
        long missing = totals.getLong(6);
        if (missing > 0) {
            LOG.info("{} of {} test users had no list and scored zero", missing, users);
        }
        Dataset<Row> listed = lists.select(explode(slice(col("movies"), 1, k)).as("movie"));
        if (coldUsers > 0) {
            List<String> top = cold.subList(0, Math.min(k, cold.size()));
            listed = listed.union(spark.createDataset(top, Encoders.STRING()).toDF("movie"));
        }
        long distinct = listed.distinct().count();
        return new RankingMetrics(k, users, totals.getDouble(1) / users, totals.getDouble(2) / users,
                totals.getDouble(3) / users, totals.getDouble(4) / users, (double) distinct / catalogueSize,
                (double) coldUsers / users);
    }

    private static Iterator<Row> scorePartition(Iterator<Row> rows, List<String> cold, int k) {
        return Partitions.map(rows, row -> {
            Set<String> relevant = new HashSet<>(row.getList(0));
            List<String> list;
            int isCold = 0;
            int isMissing = 0;
            if (!row.isNullAt(1)) {
                list = row.getList(1);
            } else if (!cold.isEmpty()) {
                list = cold;
                isCold = 1;
            } else {
                list = new ArrayList<>();
                isMissing = 1;
            }
            UserScores s = UserScores.of(list, relevant, k);
            return RowFactory.create(s.precision(), s.recall(), s.ndcg(), s.averagePrecision(), isCold, isMissing);
        });
    }
}
