package dev.marquee.batch.eval;

/**
 * One cross-validation fold's error.
 *
 * @param fold 1-based fold number
 * @param metrics RMSE and MAE over every test rating of the fold
 */
public record FoldResult(int fold, RatingMetrics metrics) {
}
