package dev.marquee.batch.candidates;

import com.typesafe.config.Config;
import dev.marquee.batch.config.AlsParams;
import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.models.Setting;
import dev.marquee.batch.models.TrainView;
import dev.marquee.batch.recommend.FactorModel;
import dev.marquee.batch.recommend.FoldIn;
import dev.marquee.batch.recommend.ItemFactors;
import dev.marquee.batch.recommend.TopNRecommender;
import dev.marquee.batch.train.AlsTrainer.Variant;
import dev.marquee.batch.train.AlsTrainer;
import dev.marquee.batch.train.TrainingData;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spark MLlib's implicit-feedback ALS (Hu, Koren, Volinsky 2008) on how much each movie was
 * watched ({@code strength = log(1 + minutes)}, plus 1 for a rating), tuned for ranking: its own
 * rank x regParam x alpha grid, factors free in sign, iterations checkpointed (the session's
 * checkpoint directory) so that many of them do not overflow the lineage.
 */
public final class ImplicitAls extends GridModel {
    public static final String NAME = "als-implicit";
    private final int maxIter;
    private final long seed;
    private final UnaryOperator<ItemFactors> itemFactors;

    /**
     * @param itemFactors applied to the item factors before lists are made (identity in
     *     production; tests break the model with it)
     */
    public ImplicitAls(Config section, UnaryOperator<ItemFactors> itemFactors) {
        super(NAME, section, "rank", "rank", "reg-param", "regParam", "alpha", "alpha");
        this.maxIter = section.getInt("max-iter");
        this.seed = section.getLong("seed");
        this.itemFactors = itemFactors;
    }

    @Override
    public FittedModel fit(TrainView train, Setting s) {
        AlsParams p = new AlsParams(s.getInt("rank"), s.get("regParam"), maxIter, seed, s.get("alpha"));
        ALSModel model = AlsTrainer.fit(train.data().indexedWatches(), Variant.IMPLICIT, p, train.parallelism());
        return new Fitted(train, model.userFactors().withColumnRenamed("id", "u"),
                itemFactors.apply(ItemFactors.of(model)), p, false);
    }

    /**
     * A fitted factor model: user factors ({@code u, features}) and item factors over {@code train}'s
     * indices; the model's own user factors, or everyone's folded in on a sample's item factors.
     *
     * @param foldedIn whether {@code userFactors} were folded in (and cached here, released on close)
     */
    record Fitted(TrainView train, Dataset<Row> userFactors, ItemFactors items, AlsParams params, boolean foldedIn)
            implements FittedModel, FactorModel {
        /** Everyone's user factors folded in on these item factors (ADR 9): one user step of ALS. */
        @Override
        public java.util.Optional<FittedModel> appliedTo(TrainView everyone) {
            ItemFactors moved = items.reindexed(train.data().movieIndexIn(everyone.data()));
            Dataset<Row> users = FoldIn.userFactors(everyone.data().indexedWatches(), moved, params.regParam(),
                    params.alpha()).cache();
            return java.util.Optional.of(new Fitted(everyone, users, moved, params, true));
        }

        @Override
        public Dataset<Row> recommend(Dataset<Row> users, int k) {
            TrainingData data = train.data();
            Dataset<Row> index = data.userIndex().join(users.select("user").distinct(), "user");
            return TopNRecommender.recommend(train.spark(), userFactors, items, data, index, k);
        }

        @Override
        public Dataset<Row> recommendAll(int k) {
            return TopNRecommender.recommend(train.spark(), userFactors, items, train.data(), train.data().userIndex(), k);
        }

        @Override
        public long users() {
            return userFactors.count();
        }

        @Override
        public int rank() {
            return items.rank();
        }

        @Override
        public int movies() {
            return items.items().length;
        }

        @Override
        public Map<String, Object> describe() {
            return foldedIn ? Map.of("rank", items.rank(), "movies", items.items().length, "users",
                    "folded in on a sample's item factors") : Map.of("rank", items.rank(), "movies", items.items().length);
        }

        @Override
        public void close() {
            if (foldedIn) {
                userFactors.unpersist();
            }
        }
    }
}
