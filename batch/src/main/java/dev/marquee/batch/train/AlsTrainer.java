package dev.marquee.batch.train;

import dev.marquee.batch.BatchConfig;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Trains explicit-feedback ALS (Spark MLlib) on {@code u, i, rating}. */
public final class AlsTrainer {
    private AlsTrainer() {}

    /** Fits a model; {@code blocks} is the user and item block count (size it from the cores). */
    public static ALSModel fit(Dataset<Row> indexedRatings, BatchConfig config, int blocks) {
        ALS als = new ALS()
                .setUserCol("u")
                .setItemCol("i")
                .setRatingCol("rating")
                .setRank(config.als().rank())
                .setRegParam(config.als().regParam())
                .setMaxIter(config.als().maxIter())
                .setSeed(config.als().seed())
                .setImplicitPrefs(false)
                .setNumUserBlocks(blocks)
                .setNumItemBlocks(blocks)
                .setColdStartStrategy("drop");
        return als.fit(indexedRatings);
    }

    /** Root mean squared error of the model's predictions on {@code u, i, rating}. */
    public static double rmse(ALSModel model, Dataset<Row> indexedRatings) {
        return new RegressionEvaluator().setMetricName("rmse").setLabelCol("rating").setPredictionCol("prediction")
                .evaluate(model.transform(indexedRatings));
    }
}
