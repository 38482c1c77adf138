package dev.marquee.batch.models;

import static org.apache.spark.sql.functions.col;

import dev.marquee.batch.BatchConfig;
import dev.marquee.batch.eval.Holdout;
import dev.marquee.batch.eval.Split;
import dev.marquee.batch.recommend.ColdStart;
import dev.marquee.batch.train.TrainingData;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One time-based holdout, ready to score lists against: each user's latest interactions are held
 * out, models learn from the rest. Built twice a night: on all interactions (the test set that
 * picks the model to publish) and on that test set's training part (the validation set that
 * tunes hyperparameters, so they are chosen on data later in time than what they are fitted on,
 * and never on the interactions the models are then compared on).
 *
 * @param split the interactions split in two
 * @param train the training part, indexed for ALS
 * @param relevant {@code user, movie}: what the evaluated users went on to interact with
 * @param users {@code user, u}: the users to make lists for (those with held-out interactions)
 * @param userCount how many
 * @param coldStart the cold-start list computed from the training part
 * @param ratings {@code u, i, rating}: held-out ratings, for RMSE and MAE
 */
record EvalSet(Split split, TrainingData train, Dataset<Row> relevant, Dataset<Row> users, long userCount,
        List<String> coldStart, Dataset<Row> ratings) implements AutoCloseable {

    /** Holds out each user's latest interactions of {@code interactions}; empty when no user has enough history. */
    static EvalSet of(SparkSession spark, Dataset<Row> interactions, BatchConfig config) {
        Split split = Holdout.latestPerUser(interactions, config.models().testPerUser(), config.models().minHistory());
        Dataset<Row> relevant = split.test().select("user", "movie").cache();
        TrainingData train = TrainingData.from(spark, split.train());
        Dataset<Row> users = train.userIndex().join(relevant.select("user").distinct(), "user").cache();
        long userCount = users.count();
        List<String> coldStart = ColdStart.compute(train.ratings(), config.coldStartVotesQuantile(), config.topN()).movies();
        Dataset<Row> ratings = train.index(split.test().filter(col("rating").isNotNull()))
                .select(col("u"), col("i"), col("rating").cast("float").as("rating"));
        return new EvalSet(split, train, relevant, users, userCount, coldStart, ratings);
    }

    /** Movies in the training part: the catalogue that coverage is measured against. */
    long catalogue() {
        return train.movies().length;
    }

    @Override
    public void close() {
        users.unpersist();
        relevant.unpersist();
        train.release();
    }
}
