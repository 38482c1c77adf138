package dev.marquee.batch.eval.crossval;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.marquee.batch.SparkSessions;
import java.util.Locale;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A rating predictor: global mean + regularised user and item biases, plus explicit ALS fitted to
 * the residuals; predictions are clamped to the rating scale. A user or item unseen in training
 * falls back to the parts that exist (down to the global mean), so every pair gets a prediction.
 *
 * @param rank ALS factors
 * @param regParam ALS regularisation (Spark scales it by each user's and item's rating count)
 * @param maxIter ALS iterations
 * @param biasReg shrinkage of the biases: {@code b = sum(residual) / (biasReg + n)}
 * @param seed ALS seed
 * @param minRating lowest rating of the scale
 * @param maxRating highest rating of the scale
 */
public record BiasedAls(int rank, double regParam, int maxIter, double biasReg, long seed, double minRating,
        double maxRating) {
    private static final int BIAS_PASSES = 3;
    /** ALS checkpoints its factors this often, which keeps the lineage (and the task size) bounded. */
    private static final int CHECKPOINT_INTERVAL = 10;

    /**
     * Settings that do well on MovieLens-100k (1..5 stars). 20 iterations: twice the checkpoint
     * interval; more change the RMSE by less than 0.001.
     */
    public static BiasedAls defaults() {
        return new BiasedAls(50, 0.125, 20, 5.0, 42L, 1, 5);
    }

    /** These settings with another rank and regParam. */
    public BiasedAls with(int newRank, double newRegParam) {
        return new BiasedAls(newRank, newRegParam, maxIter, biasReg, seed, minRating, maxRating);
    }

    /** {@code rank=<r> reg=<x>}, for progress lines. */
    public String label() {
        return String.format(Locale.ROOT, "rank=%d reg=%s", rank, regParam);
    }

    /**
     * The global mean and the shrunk biases of a training set.
     *
     * @param mean global mean rating
     * @param userBias {@code u, bu}
     * @param itemBias {@code i, bi}
     */
    public record Biases(double mean, Dataset<Row> userBias, Dataset<Row> itemBias) {
        /** Frees the cached bias tables. */
        public void unpersist() {
            userBias.unpersist();
            itemBias.unpersist();
        }
    }

    /**
     * A fitted model.
     *
     * @param biases global mean and biases
     * @param als factors of the residuals
     * @param params the settings it was fitted with
     */
    public record Model(Biases biases, ALSModel als, BiasedAls params) {

        /** {@code pairs} ({@code u, i, ...}) with a {@code prediction(double)} column, never NaN. */
        public Dataset<Row> predict(Dataset<Row> pairs) {
            Dataset<Row> withBias = pairs.join(biases.userBias(), new String[] {"u"}, "left")
                    .join(biases.itemBias(), new String[] {"i"}, "left");
            Dataset<Row> scored = als.setPredictionCol("_residual").transform(withBias);
            return scored.withColumn("prediction", greatest(lit(params.minRating()), least(lit(params.maxRating()),
                            lit(biases.mean()).plus(coalesce(col("bu"), lit(0.0))).plus(coalesce(col("bi"), lit(0.0)))
                                    .plus(when(isnan(col("_residual")), lit(0.0))
                                            .otherwise(coalesce(col("_residual").cast("double"), lit(0.0)))))))
                    .drop("_residual", "bu", "bi");
        }
    }

    /** Fits on {@code u(int), i(int), rating}. */
    public Model fit(Dataset<Row> ratings) {
        return fit(ratings, biases(ratings));
    }

    /** The mean and biases of {@code u(int), i(int), rating}; cached, to share between fits of one set. */
    public Biases biases(Dataset<Row> ratings) {
        Dataset<Row> r = ratings.select(col("u"), col("i"), col("rating").cast("double").as("rating")).cache();
        double mean = r.agg(avg(col("rating"))).first().getDouble(0);
        Dataset<Row> userBias = r.select(col("u")).distinct().withColumn("bu", lit(0.0));
        Dataset<Row> itemBias = null;
        for (int pass = 0; pass < BIAS_PASSES; pass++) {
            Dataset<Row> previousUsers = userBias;
            Dataset<Row> previousItems = itemBias;
            itemBias = cached(shrunk(r.join(userBias, "u")
                    .withColumn("_res", col("rating").minus(mean).minus(col("bu"))), "i", "bi"));
            userBias = cached(shrunk(r.join(itemBias, "i")
                    .withColumn("_res", col("rating").minus(mean).minus(col("bi"))), "u", "bu"));
            previousUsers.unpersist();
            if (previousItems != null) {
                previousItems.unpersist();
            }
        }
        r.unpersist();
        return new Biases(mean, userBias, itemBias);
    }

    /** Fits ALS to the residuals of {@code ratings} after {@code biases} (from {@link #biases} of the same set). */
    public Model fit(Dataset<Row> ratings, Biases biases) {
        SparkSession spark = ratings.sparkSession();
        SparkSessions.ensureCheckpointDir(spark);
        int blocks = Math.max(1, spark.sparkContext().defaultParallelism());
        Dataset<Row> residuals = ratings.join(biases.userBias(), "u").join(biases.itemBias(), "i")
                .select(col("u"), col("i"), col("rating").cast("double").minus(biases.mean())
                        .minus(col("bu")).minus(col("bi")).as("residual"));
        ALSModel als = new ALS().setUserCol("u").setItemCol("i").setRatingCol("residual")
                .setRank(rank).setRegParam(regParam).setMaxIter(maxIter).setSeed(seed)
                .setNumUserBlocks(blocks).setNumItemBlocks(blocks).setCheckpointInterval(CHECKPOINT_INTERVAL)
                .setImplicitPrefs(false).setColdStartStrategy("nan")
                .fit(residuals);
        return new Model(biases, als, this);
    }

    private static Dataset<Row> cached(Dataset<Row> table) {
        Dataset<Row> c = table.cache();
        c.count();
        return c;
    }

    private Dataset<Row> shrunk(Dataset<Row> residuals, String key, String name) {
        return residuals.groupBy(key).agg(sum(col("_res")).divide(count(lit(1)).plus(biasReg)).as(name));
    }
}
