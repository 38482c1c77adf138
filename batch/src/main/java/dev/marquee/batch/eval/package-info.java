/**
 * Offline evaluation: the global time cut ({@link dev.marquee.batch.eval.TimeCut}, ADR 9), rating
 * and ranking metrics, the quality gate that decides whether a candidate may replace the serving
 * version, the evaluation report and the backtest page (manifest records and self-contained HTML
 * pages with inline SVG) and MovieLens-style cross-validation of the rating predictor.
 */
package dev.marquee.batch.eval;
