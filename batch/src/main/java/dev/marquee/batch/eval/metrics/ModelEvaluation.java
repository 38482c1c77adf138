package dev.marquee.batch.eval.metrics;

import java.util.Map;

/**
 * One model's figures.
 *
 * @param ranking its lists' ranking metrics
 * @param rating its rating error, null for a model that predicts no rating
 * @param setting the hyperparameters it competed with (chosen on the validation window)
 * @param fitSeconds wall time to fit it on the test window's training part
 */
public record ModelEvaluation(RankingMetrics ranking, RatingMetrics rating, Map<String, Double> setting,
        double fitSeconds) {

    /** Figures without a setting or fit time (a baseline). */
    public ModelEvaluation(RankingMetrics ranking, RatingMetrics rating) {
        this(ranking, rating, Map.of(), 0);
    }
}
