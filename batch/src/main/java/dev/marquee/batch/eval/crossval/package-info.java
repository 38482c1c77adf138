/**
 * MovieLens-style k-fold cross-validation of the rating predictor
 * ({@link dev.marquee.batch.eval.crossval.CrossValidation}): a biased ALS
 * ({@link dev.marquee.batch.eval.crossval.BiasedAls}) tuned over a grid, RMSE per fold.
 */
package dev.marquee.batch.eval.crossval;
