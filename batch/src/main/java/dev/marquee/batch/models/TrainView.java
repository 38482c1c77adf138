package dev.marquee.batch.models;

import dev.marquee.batch.recommend.GlobalRanking;
import dev.marquee.batch.train.TrainingData;
import java.time.LocalDateTime;
import org.apache.spark.sql.SparkSession;

/**
 * What a model may learn from: every interaction up to {@code asOf}, never later.
 *
 * @param spark the job's session
 * @param data the interactions up to {@code asOf}, indexed
 * @param asOf the time cut (the night's "now", in the platform's zone)
 * @param parallelism partitions and ALS blocks
 * @param fallback what fills a list a model leaves short (decayed popularity on the same data)
 */
public record TrainView(SparkSession spark, TrainingData data, LocalDateTime asOf, int parallelism,
        GlobalRanking fallback) {
}
