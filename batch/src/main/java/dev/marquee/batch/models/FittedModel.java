package dev.marquee.batch.models;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A {@link Recommender} fitted on one training view. */
public interface FittedModel extends AutoCloseable {
    /**
     * Lists in {@link dev.marquee.batch.recommend.TopNRecommender#SCHEMA} ({@code user, movies,
     * scores}, best first, at most {@code k}) for the users of {@code users} (column {@code user})
     * that the model knows, never with a movie the user has already seen in training. Users it
     * cannot serve are left out: they get the cold-start list.
     */
    Dataset<Row> recommend(Dataset<Row> users, int k);

    /**
     * The same learned model making lists for the users of {@code everyone} from their histories there
     * (this one was fitted on a sample of them, ADR 9), or empty when it has to be fitted on
     * {@code everyone} again (the default).
     */
    default java.util.Optional<FittedModel> appliedTo(TrainView everyone) {
        return java.util.Optional.empty();
    }

    /** What it learned, in a few numbers, for the manifest's lineage (sizes, not weights). */
    Map<String, Object> describe();

    /** Frees what it cached. */
    @Override
    default void close() {
    }
}
