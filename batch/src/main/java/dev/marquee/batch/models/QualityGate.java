package dev.marquee.batch.models;

import java.util.Locale;
import java.util.OptionalDouble;

/** Refuses a candidate whose holdout NDCG is worse than the serving version's by more than a margin. */
public final class QualityGate {
    private QualityGate() {}

    /** Publish if nothing serves yet, or if {@code candidateNdcg >= servingNdcg - margin}. */
    public static GateDecision decide(double candidateNdcg, OptionalDouble servingNdcg, double margin) {
        if (Double.isNaN(candidateNdcg)) {
            return new GateDecision(false, "refused: the candidate's NDCG is not a number");
        }
        if (servingNdcg.isEmpty()) {
            return new GateDecision(true, String.format(Locale.ROOT,
                    "published: candidate NDCG %.4f and no serving version to compare with", candidateNdcg));
        }
        double serving = servingNdcg.getAsDouble();
        double floor = serving - margin;
        if (candidateNdcg >= floor) {
            return new GateDecision(true, String.format(Locale.ROOT,
                    "published: candidate NDCG %.4f >= serving NDCG %.4f - margin %.4f", candidateNdcg, serving, margin));
        }
        return new GateDecision(false, String.format(Locale.ROOT,
                "refused: candidate NDCG %.4f < serving NDCG %.4f - margin %.4f, the serving version stays",
                candidateNdcg, serving, margin));
    }
}
