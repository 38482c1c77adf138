package dev.marquee.batch.candidates;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.models.Setting;
import dev.marquee.batch.models.TrainView;
import dev.marquee.batch.recommend.GlobalRanking;
import dev.marquee.batch.recommend.UserLists;
import dev.marquee.batch.train.TrainingData;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The all-time baseline: movies by how many users touched them, the same list for everyone minus what they saw. */
public final class Popularity extends GridModel {
    public static final String NAME = "popularity";

    public Popularity() {
        super(NAME, List.of(Setting.none()));
    }

    @Override
    public Fitted fit(TrainView train, Setting setting) {
        TrainingData data = train.data();
        float[] score = new float[data.movies().length];
        for (Row r : data.index(data.interactions()).groupBy("i").agg(count(lit(1)).as("n")).collectAsList()) {
            score[r.getInt(0)] = r.getLong(1);
        }
        return new Fitted(data, GlobalRanking.of(score));
    }

    /** A fitted global ranking. */
    public record Fitted(TrainingData data, GlobalRanking ranking) implements FittedModel {
        @Override
        public Dataset<Row> recommend(Dataset<Row> users, int k) {
            return UserLists.of(data, users, ranking, k);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("rankedMovies", ranking.order().length);
        }

        /** The first {@code n} movies, for users the model has never seen. */
        public List<String> top(int n) {
            return ranking.top(data.movies(), n);
        }

        /** The scores of {@link #top}, in order. */
        public float[] topScores(int n) {
            return java.util.Arrays.copyOf(ranking.scores(), Math.min(n, ranking.scores().length));
        }
    }

    static Dataset<Row> indexed(TrainingData data) {
        return data.index(data.interactions()).select(col("i"), col("time"));
    }
}
