package dev.marquee.batch.models;

import dev.marquee.batch.AlsParams;
import dev.marquee.batch.rank.Candidates;
import dev.marquee.batch.rank.HoldOut;
import dev.marquee.batch.rank.NeuralRanker;
import dev.marquee.batch.rank.RankFeatures;
import dev.marquee.batch.rank.RankerParams;
import dev.marquee.batch.rank.TrainedRanker;
import dev.marquee.batch.recommend.ItemFactors;
import dev.marquee.batch.train.AlsTrainer;
import dev.marquee.batch.train.AlsTrainer.Variant;
import dev.marquee.batch.train.TrainingData;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The two-stage model's glue: the best ALS variant retrieves candidates, the DJL-trained ranker
 * ({@link dev.marquee.batch.rank}) re-ranks them. The ranker learns, on the driver, which of a
 * user's candidates the user touched (a held-out interaction per user, ALS refitted without it).
 * Candidates are the ALS top C plus the most popular movies ALS left out.
 */
public final class NeuralStage {
    private NeuralStage() {}

    /**
     * Trains the ranker on the candidates of an ALS model of {@code variant}, refitted without one
     * held-out interaction per user (the positive to find among the candidates).
     */
    static TrainedRanker train(SparkSession spark, TrainingData data, Variant variant, AlsParams als, RankerParams rp,
            int blocks) {
        RankFeatures features = RankFeatures.from(data.ratings(), data.movies(), Map.of());
        Dataset<Row> stats = RankFeatures.userStats(data.ratings()).cache();
        Dataset<Row> input = variant == Variant.EXPLICIT ? data.indexedRatings()
                : data.indexedWatches().withColumnRenamed(Variant.IMPLICIT.column(), "rating");
        HoldOut.Split split = HoldOut.split(input, 1, 3, als.seed());
        Dataset<Row> train = variant == Variant.EXPLICIT ? split.train()
                : split.train().withColumnRenamed("rating", Variant.IMPLICIT.column());
        ALSModel withoutHeldOut = AlsTrainer.fit(train, variant, als, blocks);
        Dataset<Row> users = withoutHeldOut.userFactors().withColumnRenamed("id", "u").join(data.userIndex(), "u")
                .join(split.seenWithout(data.seenByUser()), "u").select("user", "features", "seen");
        Dataset<Row> candidates = Candidates.generate(spark, users, ItemFactors.of(withoutHeldOut), data.movies(),
                rp.candidates(), popular(data));
        return NeuralRanker.train(spark, candidates, split.positives(spark, data.userIndex(), data.movies()), stats,
                features, rp);
    }

    /** The candidates of the users of {@code userIndex} ({@code user, u}) from {@code model}. */
    public static Dataset<Row> candidates(SparkSession spark, ALSModel model, ItemFactors items, TrainingData data,
            Dataset<Row> userIndex, RankerParams rp) {
        Dataset<Row> users = model.userFactors().withColumnRenamed("id", "u")
                .join(userIndex, "u")
                .join(data.seenByUser(), "u")
                .select("user", "features", "seen");
        return Candidates.generate(spark, users, items, data.movies(), rp.candidates(), popular(data));
    }

    /** How many of the most popular movies join every user's ALS candidates. */
    static final int POPULAR_CANDIDATES = 50;

    /** The item indices of the most interacted-with movies, most first. */
    static int[] popular(TrainingData data) {
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < data.movies().length; i++) {
            index.put(data.movies()[i], i);
        }
        return dev.marquee.batch.eval.PopularityBaseline.ranking(data.interactions().select("user", "movie"),
                POPULAR_CANDIDATES).stream().mapToInt(index::get).toArray();
    }
}
