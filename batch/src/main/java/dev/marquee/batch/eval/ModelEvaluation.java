package dev.marquee.batch.eval;

/**
 * One model's figures.
 *
 * @param ranking its lists' ranking metrics
 * @param rating its rating error, null for a model that predicts no rating (e.g. popularity)
 */
public record ModelEvaluation(RankingMetrics ranking, RatingMetrics rating) {
}
