package dev.marquee.batch.models;

import dev.marquee.batch.AlsParams;
import dev.marquee.batch.train.AlsTrainer;

/**
 * One hyperparameter setting tried on the validation holdout (written into the manifest's lineage).
 *
 * @param variant the ALS variant
 * @param params the setting
 * @param ndcg its NDCG@K on the validation holdout
 * @param chosen whether it was the one refitted and compared on the test holdout
 */
public record TuningPoint(AlsTrainer.Variant variant, AlsParams params, double ndcg, boolean chosen) {
}
