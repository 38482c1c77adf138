/**
 * Offline metrics: per-user ranking scores (P/R/NDCG/AP, {@link dev.marquee.batch.eval.metrics.UserScores}),
 * their Spark aggregation and the rating error ({@link dev.marquee.batch.eval.metrics.Metrics}), and
 * the records a model's evaluation is kept in.
 */
package dev.marquee.batch.eval.metrics;
