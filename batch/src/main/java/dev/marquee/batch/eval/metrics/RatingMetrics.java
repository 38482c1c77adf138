package dev.marquee.batch.eval.metrics;

/**
 * Error of a rating predictor.
 *
 * @param count ratings scored
 * @param skippedNaN ratings without a prediction (NaN), not scored
 * @param rmse root mean squared error
 * @param mae mean absolute error
 */
public record RatingMetrics(long count, long skippedNaN, double rmse, double mae) {
}
