package dev.marquee.batch;

import com.typesafe.config.Config;
import java.util.List;

/**
 * How models are tuned, evaluated and gated ({@code marquee.batch.tune}, {@code eval}, {@code gate}).
 *
 * @param models the candidates that compete: popularity, als-explicit, als-implicit, neural
 * @param ranks ALS ranks searched
 * @param regParams ALS regularisations searched (explicit variant)
 * @param alphas implicit ALS confidence scales searched
 * @param testPerUser interactions held out per test user
 * @param minHistory users with fewer interactions are not test users
 * @param ndcgMargin how much lower than the serving version's NDCG@K a new version may be
 */
public record ModelSettings(List<String> models, List<Integer> ranks, List<Double> regParams, List<Double> alphas, int testPerUser,
        int minHistory, double ndcgMargin) {

    public ModelSettings {
        models = List.copyOf(models);
        BatchConfig.require(!models.isEmpty() && KNOWN.containsAll(models), "tune.models must name some of " + KNOWN);
        ranks = List.copyOf(ranks);
        regParams = List.copyOf(regParams);
        alphas = List.copyOf(alphas);
        BatchConfig.require(!ranks.isEmpty() && !regParams.isEmpty() && !alphas.isEmpty(), "tune grids must not be empty");
        BatchConfig.require(testPerUser >= 1 && minHistory > testPerUser, "eval: need 1 <= test-per-user < min-history");
        BatchConfig.require(ndcgMargin >= 0, "gate.ndcg-margin must not be negative");
    }

    /** Every candidate model there is. */
    public static final List<String> KNOWN = List.of("popularity", "als-explicit", "als-implicit", "neural");

    static ModelSettings load(Config c) {
        return new ModelSettings(c.getStringList("tune.models"), c.getIntList("tune.ranks"), c.getDoubleList("tune.reg-params"),
                c.getDoubleList("tune.alphas"), c.getInt("eval.test-per-user"), c.getInt("eval.min-history"),
                c.getDouble("gate.ndcg-margin"));
    }
}
