package dev.marquee.batch.eval;

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

import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A rating predictor: global mean + regularised user and item biases, plus explicit ALS fitted to
 * the residuals; predictions are clamped to the rating scale. A user or item unseen in training
 * falls back to the parts that exist (down to the global mean), so every pair gets a prediction.
 *
 * @param rank ALS factors
 * @param regParam ALS regularisation
 * @param maxIter ALS iterations
 * @param biasReg shrinkage of the biases: {@code b = sum(residual) / (biasReg + n)}
 * @param seed ALS seed
 * @param minRating lowest rating of the scale
 * @param maxRating highest rating of the scale
 */
public record BiasedAls(int rank, double regParam, int maxIter, double biasReg, long seed, double minRating,
        double maxRating) {
    private static final int BIAS_PASSES = 3;

    /** Settings that do well on MovieLens-100k (1..5 stars). */
    public static BiasedAls defaults() {
        return new BiasedAls(20, 0.1, 20, 5.0, 42L, 1, 5);
    }

    /**
     * A fitted model.
     *
     * @param mean global mean rating
     * @param userBias {@code u, bu}
     * @param itemBias {@code i, bi}
     * @param als factors of the residuals
     */
    public record Model(double mean, Dataset<Row> userBias, Dataset<Row> itemBias, ALSModel als, BiasedAls params) {

        /** {@code pairs} ({@code u, i, ...}) with a {@code prediction(double)} column, never NaN. */
        public Dataset<Row> predict(Dataset<Row> pairs) {
            Dataset<Row> withBias = pairs.join(userBias, new String[] {"u"}, "left")
                    .join(itemBias, new String[] {"i"}, "left");
            Dataset<Row> scored = als.setPredictionCol("_residual").transform(withBias);
            return scored.withColumn("prediction", greatest(lit(params.minRating()), least(lit(params.maxRating()),
                            lit(mean).plus(coalesce(col("bu"), lit(0.0))).plus(coalesce(col("bi"), lit(0.0)))
                                    .plus(when(isnan(col("_residual")), lit(0.0))
                                            .otherwise(coalesce(col("_residual").cast("double"), lit(0.0)))))))
                    .drop("_residual", "bu", "bi");
        }
    }

    /** Fits on {@code u(int), i(int), rating}. */
    public Model fit(Dataset<Row> ratings) {
        Dataset<Row> r = ratings.select(col("u"), col("i"), col("rating").cast("double").as("rating")).cache();
        double mean = r.agg(avg(col("rating"))).first().getDouble(0);
        Dataset<Row> userBias = r.select(col("u")).distinct().withColumn("bu", lit(0.0));
        Dataset<Row> itemBias = null;
        for (int pass = 0; pass < BIAS_PASSES; pass++) {
            itemBias = shrunk(r.join(userBias, "u").withColumn("_res", col("rating").minus(mean).minus(col("bu"))),
                    "i", "bi").cache();
            userBias = shrunk(r.join(itemBias, "i").withColumn("_res", col("rating").minus(mean).minus(col("bi"))),
                    "u", "bu").cache();
        }
        Dataset<Row> residuals = r.join(userBias, "u").join(itemBias, "i")
                .select(col("u"), col("i"), col("rating").minus(mean).minus(col("bu")).minus(col("bi")).as("residual"));
        ALSModel als = new ALS().setUserCol("u").setItemCol("i").setRatingCol("residual")
                .setRank(rank).setRegParam(regParam).setMaxIter(maxIter).setSeed(seed)
                .setImplicitPrefs(false).setColdStartStrategy("nan")
                .fit(residuals);
        r.unpersist();
        return new Model(mean, userBias, itemBias, als, this);
    }

    private Dataset<Row> shrunk(Dataset<Row> residuals, String key, String name) {
        return residuals.groupBy(key).agg(sum(col("_res")).divide(count(lit(1)).plus(biasReg)).as(name));
    }
}
