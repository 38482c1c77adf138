package dev.marquee.batch.train;

import dev.marquee.batch.config.AlsParams;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spark MLlib ALS in its two variants: explicit, on ratings ({@code u, i, rating}); implicit, on
 * how much was watched ({@code u, i, strength}), where confidence is {@code 1 + alpha * strength}.
 */
public final class AlsTrainer {
    private AlsTrainer() {}

    /** Which signal a model learns from. */
    public enum Variant {
        EXPLICIT("rating"),
        IMPLICIT("strength");

        private final String column;

        Variant(String column) {
            this.column = column;
        }

        /** The input column it reads. */
        public String column() {
            return column;
        }
    }

    /** Fits a model; {@code blocks} is the user and item block count (size it from the cores). */
    public static ALSModel fit(Dataset<Row> input, Variant variant, AlsParams params, int blocks) {
        ALS als = new ALS()
                .setUserCol("u")
                .setItemCol("i")
                .setRatingCol(variant.column())
                .setRank(params.rank())
                .setRegParam(params.regParam())
                .setMaxIter(params.maxIter())
                .setSeed(params.seed())
                .setImplicitPrefs(variant == Variant.IMPLICIT)
                .setAlpha(params.alpha())
                .setNumUserBlocks(blocks)
                .setNumItemBlocks(blocks)
                .setColdStartStrategy("drop");
        return als.fit(input);
    }

    /** Root mean squared error of an explicit model's predictions on {@code u, i, rating}. */
    public static double rmse(ALSModel model, Dataset<Row> indexedRatings) {
        return evaluate(model, indexedRatings, "rmse");
    }

    /** Mean absolute error of an explicit model's predictions on {@code u, i, rating}. */
    public static double mae(ALSModel model, Dataset<Row> indexedRatings) {
        return evaluate(model, indexedRatings, "mae");
    }

    private static double evaluate(ALSModel model, Dataset<Row> indexedRatings, String metric) {
        return new RegressionEvaluator().setMetricName(metric).setLabelCol("rating").setPredictionCol("prediction")
                .evaluate(model.transform(indexedRatings));
    }
}
