package dev.marquee.batch.models;

/**
 * One hyperparameter setting tried on the validation window (written into the manifest's lineage).
 *
 * @param model the plug-in's name
 * @param setting the setting
 * @param ndcg its NDCG@K on the validation window (NaN when a carried setting was not fitted there)
 * @param chosen whether it was the one that competed on the test window
 * @param carried whether it was carried from the night its grid was last searched ({@link Retuning}) rather
 *     than chosen from tonight's search
 * @param searched the end of the data of the night whose search chose it (the lake's latest event then)
 */
public record TuningPoint(String model, Setting setting, double ndcg, boolean chosen, boolean carried, String searched) {

    /** A point of tonight's search of the model's grid, which ends at {@code searched}. */
    public static TuningPoint searched(String model, Setting setting, double ndcg, String searched) {
        return new TuningPoint(model, setting, ndcg, false, false, searched);
    }

    /** The same point, chosen. */
    public TuningPoint asChosen() {
        return new TuningPoint(model, setting, ndcg, true, carried, searched);
    }

    /** The same carried setting, with tonight's validation figure. */
    public TuningPoint carriedWith(double tonight) {
        return new TuningPoint(model, setting, tonight, true, true, searched);
    }
}
