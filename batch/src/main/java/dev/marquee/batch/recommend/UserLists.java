package dev.marquee.batch.recommend;

import static org.apache.spark.sql.functions.col;

import dev.marquee.batch.train.TrainingData;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Makes top-K lists inside Spark partitions for models that score a user from the movies the user
 * has seen (popularity, item-to-item neighbours, EASE): the scorer is broadcast, each user's seen
 * movies come from the training view, and seen movies are never listed.
 */
public final class UserLists {
    private UserLists() {}

    /** Scores one user: fills {@code top} with the best unseen movies. */
    public interface Scorer extends Serializable {
        /**
         * @param seen the user's movie indices, in no order
         * @param isSeen by movie index, marks of {@code seen} (cleared again by the caller)
         * @param top empty on entry
         * @param scratch per-movie work arrays of this partition, all zero on entry and to be left so
         */
        void score(List<Integer> seen, boolean[] isSeen, TopK top, Scratch scratch);
    }

    /**
     * Work arrays a scorer reuses from user to user within one partition (a hot path: no per-user
     * allocation of catalogue-sized arrays).
     *
     * @param sums by movie index, a running score
     * @param touched by movie index, whether {@code sums} holds something for this user
     */
    public record Scratch(float[] sums, boolean[] touched) {
        Scratch(int movies) {
            this(new float[movies], new boolean[movies]);
        }
    }

    /**
     * Lists ({@link TopNRecommender#SCHEMA}) for the users of {@code users} ({@code user}) that
     * {@code data} knows.
     */
    public static Dataset<Row> of(TrainingData data, Dataset<Row> users, Scorer scorer, int k) {
        return of(data, users, scorer, k, null);
    }

    /**
     * Same, a list shorter than K (a user whose movies have few neighbours) filled up from
     * {@code fallback}'s ranking, scored below the model's own picks.
     */
    public static Dataset<Row> of(TrainingData data, Dataset<Row> users, Scorer scorer, int k, GlobalRanking fallback) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(users.sparkSession().sparkContext());
        Broadcast<Scorer> b = jsc.broadcast(scorer);
        Broadcast<String[]> movies = jsc.broadcast(data.movies());
        Dataset<Row> rows = users.select("user").distinct().join(data.userIndex(), "user")
                .join(data.seenByUser(), "u").select(col("user"), col("seen"));
        Broadcast<GlobalRanking> fill = jsc.broadcast(fallback);
        MapPartitionsFunction<Row, Row> f = it -> partition(it, b.value(), movies.value(), k, fill.value());
        return rows.mapPartitions(f, Encoders.row(TopNRecommender.SCHEMA));
    }

    private static Iterator<Row> partition(Iterator<Row> rows, Scorer scorer, String[] movies, int k,
            GlobalRanking fallback) {
        TopK top = new TopK(k);
        boolean[] isSeen = new boolean[movies.length];
        Scratch scratch = new Scratch(movies.length);
        return Partitions.map(rows, row -> {
            List<Integer> seen = row.getList(1);
            for (int s : seen) {
                isSeen[s] = true;
            }
            top.reset();
            scorer.score(seen, isSeen, top, scratch);
            Row out = top.size() < k && fallback != null ? filled(row.getLong(0), top, movies, fallback, isSeen, k)
                    : row(row.getLong(0), top, movies);
            Partitions.unmark(seen, isSeen);
            return out;
        });
    }

    private static Row filled(long user, TopK top, String[] movies, GlobalRanking fallback, boolean[] isSeen, int k) {
        int[] best = top.items();
        float[] scores = top.scores();
        java.util.Set<Integer> listed = new java.util.HashSet<>();
        List<String> names = new ArrayList<>(k);
        List<Float> values = new ArrayList<>(k);
        float floor = best.length == 0 ? 0f : Math.min(0f, scores[best.length - 1]);
        for (int i = 0; i < best.length; i++) {
            listed.add(best[i]);
            names.add(movies[best[i]]);
            values.add(scores[i]);
        }
        int[] order = fallback.order();
        for (int r = 0; r < order.length && names.size() < k; r++) {
            if (!isSeen[order[r]] && listed.add(order[r])) {
                names.add(movies[order[r]]);
                values.add(floor - 1f - r * 1e-3f);
            }
        }
        return RowFactory.create(user, CollectionConverters.asScala(names).toSeq(),
                CollectionConverters.asScala(values).toSeq());
    }

    /** One output row from a filled {@link TopK}. */
    static Row row(long user, TopK top, String[] movies) {
        int[] best = top.items();
        float[] scores = top.scores();
        List<String> names = new ArrayList<>(best.length);
        List<Float> values = new ArrayList<>(best.length);
        for (int i = 0; i < best.length; i++) {
            names.add(movies[best[i]]);
            values.add(scores[i]);
        }
        return RowFactory.create(user, CollectionConverters.asScala(names).toSeq(),
                CollectionConverters.asScala(values).toSeq());
    }
}
