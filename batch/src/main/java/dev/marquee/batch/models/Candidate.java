package dev.marquee.batch.models;

import dev.marquee.batch.AlsParams;
import dev.marquee.batch.eval.ModelEvaluation;
import dev.marquee.batch.train.AlsTrainer;

/**
 * A model that competed on the holdout.
 *
 * @param name {@code popularity}, {@code als-explicit}, {@code als-implicit} or {@code neural}
 * @param variant the ALS variant behind it (null for popularity)
 * @param params its ALS parameters (null for popularity)
 * @param evaluation its figures on the holdout
 */
public record Candidate(String name, AlsTrainer.Variant variant, AlsParams params, ModelEvaluation evaluation) {

    /** Its NDCG@K on the holdout. */
    public double ndcg() {
        return evaluation.ranking().ndcg();
    }
}
