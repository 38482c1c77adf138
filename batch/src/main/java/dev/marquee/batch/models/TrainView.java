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
 * @param userScale how many users each user of {@code data} stands for: 1 when it holds every user, 1/f
 *     when it is a sample of a share f of them (model selection at scale). Settings and features that
 *     count users (EASE's lambda, item-kNN's shrink, the ranker's movie counts) are divided or
 *     multiplied by it, so that a setting means the same on the sample and on everyone.
 */
public record TrainView(SparkSession spark, TrainingData data, LocalDateTime asOf, int parallelism,
        GlobalRanking fallback, double userScale) {

    public TrainView {
        if (!(userScale >= 1)) {
            throw new IllegalArgumentException("userScale must be at least 1: " + userScale);
        }
    }

    /** A view of every user (scale 1). */
    public TrainView(SparkSession spark, TrainingData data, LocalDateTime asOf, int parallelism, GlobalRanking fallback) {
        this(spark, data, asOf, parallelism, fallback, 1);
    }
}
