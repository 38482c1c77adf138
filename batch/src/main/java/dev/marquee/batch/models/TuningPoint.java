package dev.marquee.batch.models;

/**
 * One hyperparameter setting tried on the validation window (written into the manifest's lineage).
 *
 * @param model the plug-in's name
 * @param setting the setting
 * @param ndcg its NDCG@K on the validation window
 * @param chosen whether it was the one that competed on the test window
 */
public record TuningPoint(String model, Setting setting, double ndcg, boolean chosen) {
}
