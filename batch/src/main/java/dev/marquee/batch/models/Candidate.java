package dev.marquee.batch.models;

import dev.marquee.batch.eval.metrics.ModelEvaluation;

/**
 * A model that competed on the test window.
 *
 * @param name its plug-in's name
 * @param setting the setting it competed with (chosen on the validation window)
 * @param evaluation its figures on the test window
 */
public record Candidate(String name, Setting setting, ModelEvaluation evaluation) {

    /** Its NDCG@K on the test window. */
    public double ndcg() {
        return evaluation.ranking().ndcg();
    }
}
