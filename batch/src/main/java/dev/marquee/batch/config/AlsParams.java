package dev.marquee.batch.config;

import com.typesafe.config.Config;

/**
 * Explicit-feedback ALS hyperparameters ({@code marquee.batch.als}).
 *
 * @param rank factor length
 * @param regParam regularisation
 * @param maxIter iterations
 * @param seed random seed
 * @param alpha confidence scale of the implicit variant
 */
public record AlsParams(int rank, double regParam, int maxIter, long seed, double alpha) {

    public AlsParams {
        BatchConfig.require(rank > 0 && maxIter > 0 && regParam >= 0,
                "als.rank and als.max-iter must be positive, als.reg-param not negative");
        BatchConfig.require(alpha > 0, "als.alpha must be positive");
    }

    static AlsParams load(Config c) {
        return new AlsParams(c.getInt("rank"), c.getDouble("reg-param"), c.getInt("max-iter"), c.getLong("seed"),
                c.getDouble("alpha"));
    }

    /** A copy with another rank, regularisation and alpha (tuning). */
    public AlsParams with(int newRank, double newRegParam, double newAlpha) {
        return new AlsParams(newRank, newRegParam, maxIter, seed, newAlpha);
    }
}
