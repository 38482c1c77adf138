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
 * The two-stage model's glue: explicit ALS retrieves candidates, the DJL-trained ranker
 * ({@link dev.marquee.batch.rank}) re-ranks them. The ranker learns, on the driver, which of a
 * user's candidates the user rated next (a held-out rating per user, ALS refitted without it).
 */
final class NeuralStage {
    private NeuralStage() {}

    /** Trains the ranker on {@code data}'s ratings. */
    static TrainedRanker train(SparkSession spark, TrainingData data, AlsParams als, RankerParams rp, int blocks) {
        RankFeatures features = RankFeatures.from(data.ratings(), data.movies(), Map.of());
        Dataset<Row> stats = RankFeatures.userStats(data.ratings()).cache();
        HoldOut.Split split = HoldOut.split(data.indexedRatings(), 1, 3, als.seed());
        ALSModel withoutHeldOut = AlsTrainer.fit(split.train(), Variant.EXPLICIT, als, blocks);
        Dataset<Row> candidates = Candidates.of(spark, withoutHeldOut, data.userIndex(),
                split.seenWithout(data.seenByUser()), data.movies(), rp.candidates());
        return NeuralRanker.train(spark, candidates, split.positives(spark, data.userIndex(), data.movies()), stats,
                features, rp);
    }

    /** The candidates of the users of {@code userIndex} ({@code user, u}) from {@code model}. */
    static Dataset<Row> candidates(SparkSession spark, ALSModel model, ItemFactors items, TrainingData data,
            Dataset<Row> userIndex, RankerParams rp) {
        Dataset<Row> users = model.userFactors().withColumnRenamed("id", "u")
                .join(userIndex, "u")
                .join(data.seenByUser(), "u")
                .select("user", "features", "seen");
        return Candidates.generate(spark, users, items, data.movies(), rp.candidates());
    }
}
