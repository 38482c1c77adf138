package dev.marquee.batch.eval.crossval;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings cross-validation tries on an inner validation split of each fold's base file (never
 * on the fold's test file): every rank with every regParam; everything else comes from {@code base}.
 *
 * @param base iterations, bias shrinkage, seed and rating scale shared by every point
 * @param ranks ALS ranks to try
 * @param regParams ALS regParams to try
 * @param validationShare share of a base file held out to score the points, in (0, 1)
 */
public record Grid(BiasedAls base, List<Integer> ranks, List<Double> regParams, double validationShare) {
    /**
     * Default share of a base file held out for validation: small, so that the points are fitted on
     * nearly as much data as the refit (ALS's best regParam drifts up as the training set shrinks).
     */
    public static final double VALIDATION_SHARE = 0.1;

    public Grid {
        ranks = List.copyOf(ranks);
        regParams = List.copyOf(regParams);
        if (ranks.isEmpty() || regParams.isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one rank and one regParam");
        }
        if (!(validationShare > 0 && validationShare < 1)) {
            throw new IllegalArgumentException("validationShare must be in (0, 1): " + validationShare);
        }
    }

    /**
     * The grid that suits MovieLens-100k: rank 50 x regParam {0.1, 0.125, 0.15, 0.2}, the other
     * settings of {@link BiasedAls#defaults()}. Below 0.1 the factors overfit; from about 0.3 ALS
     * shrinks them to zero and only the biases are left.
     */
    public static Grid defaults() {
        List<Integer> ranks = List.of(50);
        List<Double> regs = List.of(0.1, 0.125, 0.15, 0.2);
        return new Grid(BiasedAls.defaults().with(ranks.get(0), regs.get(0)), ranks, regs, VALIDATION_SHARE);
    }

    /** One point: nothing to choose, so no validation split is fitted. */
    public static Grid single(BiasedAls params) {
        return new Grid(params, List.of(params.rank()), List.of(params.regParam()), VALIDATION_SHARE);
    }

    /** Every point, ranks outermost. */
    public List<BiasedAls> points() {
        List<BiasedAls> points = new ArrayList<>();
        for (int rank : ranks) {
            for (double reg : regParams) {
                points.add(base.with(rank, reg));
            }
        }
        return List.copyOf(points);
    }
}
