/**
 * Choosing what to publish. Candidates are plug-ins ({@link dev.marquee.batch.models.Recommender},
 * {@link dev.marquee.batch.models.SecondStage}); {@link dev.marquee.batch.models.ModelSelector}
 * tunes each on the validation window (the grids {@link dev.marquee.batch.models.Retuning} names; the
 * other models carry their last setting) and judges all on the test window's returning users
 * ({@link dev.marquee.batch.models.EvalWindow}); {@link dev.marquee.batch.models.Publisher} refits
 * the winner, the same plug-in with the same setting, on everything; {@link
 * dev.marquee.batch.models.Backtest} replays the choice on each of the last N nights; the
 * {@link dev.marquee.batch.models.QualityGate} decides whether the winner may replace the serving
 * version.
 */
package dev.marquee.batch.models;
