package dev.marquee.batch.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.marquee.batch.eval.holdout.TimeCut;
import dev.marquee.batch.eval.metrics.Metrics;
import dev.marquee.batch.eval.metrics.RankingMetrics;
import dev.marquee.batch.recommend.GlobalRanking;
import dev.marquee.batch.train.Interactions;
import dev.marquee.batch.train.TrainingData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One evaluation window, ready to score lists against: the models' training view (events up to
 * the cut) and what users did next (their new user-movie pairs inside the window).
 *
 * @param cut the time cut
 * @param view what models learn from
 * @param relevant {@code user, movie}: new pairs of the evaluated users (known before the cut)
 * @param users {@code user}: the evaluated users, every model's lists are judged on exactly these
 * @param userCount how many
 * @param newRelevant {@code user, movie}: the pairs of users first seen inside the window
 * @param newUserCount how many such users
 * @param unreachableShare share of the window's new pairs whose movie no model could list (unseen before the cut)
 */
public record EvalWindow(TimeCut cut, TrainView view, Dataset<Row> relevant, Dataset<Row> users, long userCount,
        Dataset<Row> newRelevant, long newUserCount, double unreachableShare) implements AutoCloseable {
    /**
     * Cuts {@code events} ({@code kind, user, movie, rating, minute, time, partition, offset}).
     *
     * @param sampleUsers at most about this many evaluated users (a deterministic hash sample); 0: all
     * @param fallbackHalfLifeDays half-life of the decayed popularity that fills short lists
     */
    public static EvalWindow of(SparkSession spark, Dataset<Row> events, TimeCut cut, int parallelism, long sampleUsers,
            double fallbackHalfLifeDays) {
        return of(spark, events, cut, parallelism, sampleUsers, fallbackHalfLifeDays, 1);
    }

    /**
     * Same, on events of a user sample where each user stands for {@code userScale} users (the
     * view's {@link TrainView#userScale()}).
     */
    public static EvalWindow of(SparkSession spark, Dataset<Row> events, TimeCut cut, int parallelism, long sampleUsers,
            double fallbackHalfLifeDays, double userScale) {
        Dataset<Row> before = Interactions.from(events.filter(col("time").leq(lit(cut.cut()))));
        Dataset<Row> inside = Interactions.from(events.filter(col("time").gt(lit(cut.cut()))
                .and(col("time").leq(lit(cut.end()))))).select("user", "movie");
        TrainingData data = TrainingData.from(spark, before);
        Dataset<Row> fresh = inside.join(data.interactions().select("user", "movie"), new String[] {"user", "movie"},
                "left_anti").cache();
        long freshPairs = fresh.count();
        long reachable = fresh.join(data.movieIndex(), "movie").count();
        Dataset<Row> known = fresh.join(data.userIndex().select("user"), new String[] {"user"}, "left_semi");
        Dataset<Row> users = known.select("user").distinct();
        long all = users.count();
        boolean sampled = sampleUsers > 0 && all > sampleUsers;
        if (sampled) {
            long keep = Math.max(1, UserSample.BUCKETS * sampleUsers / all);
            users = users.filter(UserSample.below(keep));
        }
        users = users.cache();
        long judged = sampled ? users.count() : all;
        Dataset<Row> relevant = known.join(users, new String[] {"user"}, "left_semi").cache();
        Dataset<Row> newRelevant = fresh.join(data.userIndex().select("user"), new String[] {"user"}, "left_anti").cache();
        long newUsers = newRelevant.select("user").distinct().count();
        relevant.count(); // materialised, so that the window's pairs can leave the cache
        fresh.unpersist();
        TrainView view = new TrainView(spark, data, cut.cut(), parallelism, null, userScale);
        GlobalRanking fallback = new dev.marquee.batch.candidates.DecayedPopularity(fallbackHalfLifeDays).ranking(view);
        return new EvalWindow(cut, new TrainView(spark, data, cut.cut(), parallelism, fallback, userScale), relevant, users,
                judged, newRelevant, newUsers, freshPairs == 0 ? 0 : 1.0 - (double) reachable / freshPairs);
    }

    /**
     * {@code fitted}'s top-{@code k} lists for {@code judged} (the window's users, or some of them),
     * short lists filled from the view's fallback as the service would, judged on what they did next.
     */
    public RankingMetrics rank(FittedModel fitted, Dataset<Row> judged, int k) {
        Dataset<Row> lists = fitted.recommend(judged, k);
        Dataset<Row> next = judged == users ? relevant : relevant.join(judged, new String[] {"user"}, "left_semi");
        return Metrics.ranking(lists, next, view.fallback().top(view.data().movies(), k),
                k, catalogue());
    }

    /** Movies in the training view: the catalogue coverage is measured against. */
    public long catalogue() {
        return view.data().movies().length;
    }

    @Override
    public void close() {
        users.unpersist();
        relevant.unpersist();
        newRelevant.unpersist();
        view.data().release();
    }
}
