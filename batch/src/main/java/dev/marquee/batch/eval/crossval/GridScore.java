package dev.marquee.batch.eval.crossval;

import dev.marquee.batch.eval.metrics.RatingMetrics;

/**
 * One grid point's error on a fold's inner validation split.
 *
 * @param params the settings tried
 * @param validation RMSE and MAE on the validation split of the fold's base file
 */
public record GridScore(BiasedAls params, RatingMetrics validation) {
}
