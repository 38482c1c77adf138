/**
 * Offline evaluation: time-based holdouts, rating and ranking metrics, a popularity baseline, the
 * quality gate that decides whether a candidate may replace the serving version, the evaluation
 * report (manifest records and a self-contained HTML page) and MovieLens-style cross-validation
 * of the rating predictor (bias-corrected ALS).
 */
package dev.marquee.batch.eval;
