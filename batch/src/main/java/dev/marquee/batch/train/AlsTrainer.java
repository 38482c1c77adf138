package dev.marquee.batch.train;

import dev.marquee.batch.BatchConfig;
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
                .setRank(config.alsRank())
                .setRegParam(config.alsRegParam())
                .setMaxIter(config.alsMaxIter())
                .setSeed(config.alsSeed())
                .setImplicitPrefs(false)
                .setNumUserBlocks(blocks)
                .setNumItemBlocks(blocks)
                .setColdStartStrategy("drop");
        return als.fit(indexedRatings);
    }
}
