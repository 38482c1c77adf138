package dev.marquee.batch.candidates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.eval.metrics.Metrics;
import dev.marquee.batch.eval.metrics.RankingMetrics;
import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.models.Recommender;
import dev.marquee.batch.models.Setting;
import dev.marquee.batch.models.TrainView;
import dev.marquee.batch.train.TrainingData;
import dev.marquee.testkit.SparkExtension;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each candidate plug-in finds a signal planted in a small fixture, and never lists a seen movie. */
@ExtendWith(SparkExtension.class)
class CandidatesIT {
    private static final LocalDateTime T0 = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static final StructType INTERACTIONS = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("movie", DataTypes.StringType, false)
            .add("rating", DataTypes.IntegerType, true)
            .add("minutes", DataTypes.IntegerType, true)
            .add("time", DataTypes.TimestampNTZType, false);
    private static final long PROBE = 100;
    private static SparkSession spark;

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
    }

    private static LocalDateTime day(double d) {
        return T0.plusMinutes(Math.round(d * 24 * 60));
    }

    private static Row watched(long user, String movie, int minutes, double d) {
        return RowFactory.create(user, movie, null, minutes, day(d));
    }

    private static TrainView view(List<Row> rows, LocalDateTime asOf) {
        TrainingData data = TrainingData.from(spark, spark.createDataFrame(rows, INTERACTIONS));
        TrainView bare = new TrainView(spark, data, asOf, 2, null);
        return new TrainView(spark, data, asOf, 2, new Popularity().fit(bare, Setting.none()).ranking());
    }

    private static Dataset<Row> users(long... ids) {
        List<Long> list = new ArrayList<>();
        for (long id : ids) {
            list.add(id);
        }
        return spark.createDataset(list, Encoders.LONG()).toDF("user");
    }

    private static Map<Long, List<String>> lists(Dataset<Row> lists) {
        Map<Long, List<String>> out = new HashMap<>();
        for (Row r : lists.collectAsList()) {
            out.put(r.getLong(0), r.getList(1));
        }
        return out;
    }

    // ---------------------------------------------------------------- recency

    /**
     * Cut at day 30. Users 1..30 watched the old blockbusters o1..o5 on days 1..5; users 31..40
     * watched the trending t1..t3 on day 29.5; users 41..50 watched only a filler f on day 1 and,
     * after the cut, take the trending movies.
     */
    @Test
    void decayedPopularityFindsWhatIsTrendingWhereAllTimePopularityDoesNot() {
        List<Row> rows = new ArrayList<>();
        for (long u = 1; u <= 30; u++) {
            for (int m = 1; m <= 5; m++) {
                rows.add(watched(u, "o" + m, 60, m));
            }
        }
        for (long u = 31; u <= 40; u++) {
            for (int m = 1; m <= 3; m++) {
                rows.add(watched(u, "t" + m, 60, 29.5));
            }
        }
        for (long u = 41; u <= 50; u++) {
            rows.add(watched(u, "f", 60, 1));
        }
        TrainView view = view(rows, day(30));
        List<Row> relevant = new ArrayList<>();
        for (long u = 41; u <= 50; u++) {
            for (int m = 1; m <= 3; m++) {
                relevant.add(RowFactory.create(u, "t" + m));
            }
        }
        Dataset<Row> truth = spark.createDataFrame(relevant,
                new StructType().add("user", DataTypes.LongType).add("movie", DataTypes.StringType));
        Dataset<Row> testUsers = truth.select("user").distinct();

        Popularity.Fitted popularity = new Popularity().fit(view, Setting.none());
        DecayedPopularity decayed = new DecayedPopularity(
                ConfigFactory.parseString("half-life-days = [1, 64]"));
        assertEquals(2, decayed.grid().size());
        Popularity.Fitted recent = decayed.fit(view, decayed.grid().get(0));
        RankingMetrics all = Metrics.ranking(popularity.recommend(testUsers, 3), truth, List.of(), 3, 9);
        RankingMetrics fresh = Metrics.ranking(recent.recommend(testUsers, 3), truth, List.of(), 3, 9);
        assertEquals(10, all.users());
        assertEquals(0.0, all.ndcg(), 1e-9, "all-time popularity lists the old blockbusters");
        assertEquals(1.0, fresh.ndcg(), 1e-9, "a one-day half-life lists the trending movies");
        assertEquals(List.of("t1", "t2", "t3"), recent.top(3));
        assertEquals(List.of("o1", "o2", "o3"), popularity.top(3));
        // 10 users a half day before the cut: 10 * 2^-0.5
        assertEquals(10 * Math.pow(2, -0.5), recent.topScores(1)[0], 1e-3);
        // the cold-start list by formula, from the same view
        assertEquals(List.of("t1", "t2", "t3"), ColdStartLists.of("decayed-popularity", view, 1, 0.9, 3).movies());
        assertEquals(List.of("o1", "o2", "o3"), ColdStartLists.of("popularity", view, 1, 0.9, 3).movies());
        assertThrows(IllegalArgumentException.class, () -> ColdStartLists.of("newest", view, 1, 0.9, 3));
        // a long half-life is close to all-time popularity again: 30 users 25 days ago beat 10 today
        // (o5, the latest blockbuster, first)
        assertEquals(List.of("o5", "o4", "o3"), decayed.fit(view, decayed.grid().get(1)).top(3));
    }

    // ---------------------------------------------------------------- taste clusters

    /**
     * Two disjoint tastes: users 1..12 watched all of a1..a5, users 13..40 all of b1..b5 (B is more
     * popular). The probe (user 100) watched a1 and a2.
     */
    private static TrainView clusters() {
        return view(clusterRows(), day(10));
    }

    private static List<Row> clusterRows() {
        List<Row> rows = new ArrayList<>();
        for (long u = 1; u <= 40; u++) {
            String cluster = u <= 12 ? "a" : "b";
            for (int m = 1; m <= 5; m++) {
                rows.add(watched(u, cluster + m, 30 + (int) ((u * 7 + m * 13) % 50), m + u / 10.0));
            }
        }
        rows.add(watched(PROBE, "a1", 40, 9));
        rows.add(watched(PROBE, "a2", 40, 9.5));
        rows.add(watched(41, "b1", 40, 9)); // one B user with a single movie: short kNN lists
        return rows;
    }

    private static Recommender itemKnn() {
        return new ItemKnn(ConfigFactory.parseString("neighbours = [10]\nshrink = [0]\nmax-history = 200"));
    }

    private static Recommender ease() {
        return new Ease(ConfigFactory.parseString(
                "lambda = [1]\nmax-items = 100\nmin-users = 2\nkeep-per-item = 20\nmax-history = 500"));
    }

    private static Recommender implicitAls() {
        return new ImplicitAls(ConfigFactory.parseString(
                "rank = [2]\nreg-param = [0.1]\nalpha = [10]\nmax-iter = 8\nseed = 42"), f -> f);
    }

    private static void assertFindsTheRestOfTheCluster(Recommender model) {
        TrainView view = clusters();
        assertEquals(1, model.grid().size());
        try (FittedModel fitted = model.fit(view, model.grid().get(0))) {
            List<String> list = lists(fitted.recommend(users(PROBE), 5)).get(PROBE);
            assertEquals(5, list.size(), model.name() + ": " + list);
            assertEquals(Set.of("a3", "a4", "a5"), new HashSet<>(list.subList(0, 3)),
                    model.name() + " lists B movies before the rest of A: " + list);
        }
    }

    @Test
    void itemKnnListsTheRestOfTheCluster() {
        assertFindsTheRestOfTheCluster(itemKnn());
    }

    @Test
    void easeListsTheRestOfTheCluster() {
        assertFindsTheRestOfTheCluster(ease());
    }

    @Test
    void implicitAlsListsTheRestOfTheCluster() {
        assertFindsTheRestOfTheCluster(implicitAls());
    }

    /** No list holds a seen movie; every list is K long (10 movies, at most 5 seen, K = 5). */
    @Test
    void noModelListsASeenMovieAndListsAreFilledToK() {
        TrainView view = clusters();
        Map<Long, Set<String>> seen = new HashMap<>();
        for (Row r : view.data().interactions().select("user", "movie").collectAsList()) {
            seen.computeIfAbsent(r.getLong(0), u -> new HashSet<>()).add(r.getString(1));
        }
        assertEquals(42, seen.size());
        Dataset<Row> everyone = view.data().userIndex().select("user");
        List<Recommender> models = List.of(new Popularity(), new DecayedPopularity(7), itemKnn(), ease(),
                implicitAls());
        for (Recommender model : models) {
            try (FittedModel fitted = model.fit(view, model.grid().get(0))) {
                Map<Long, List<String>> lists = lists(fitted.recommend(everyone.union(users(999)), 5));
                assertEquals(seen.keySet(), lists.keySet(), model.name() + ": one list per known user, none for 999");
                for (Map.Entry<Long, List<String>> e : lists.entrySet()) {
                    List<String> list = e.getValue();
                    assertEquals(5, list.size(), model.name() + " user " + e.getKey() + ": " + list);
                    assertEquals(5, new HashSet<>(list).size(), model.name() + " repeats a movie: " + list);
                    for (String movie : list) {
                        assertFalse(seen.get(e.getKey()).contains(movie),
                                model.name() + " lists " + movie + " seen by user " + e.getKey() + ": " + list);
                    }
                }
            }
        }
    }

    /** User 41 saw only b1: item-kNN knows b2..b5 as neighbours, the 5th slot comes from the fallback. */
    @Test
    void shortListsAreFilledFromTheFallbackBelowTheModelsOwnPicks() {
        TrainView view = clusters();
        try (FittedModel fitted = itemKnn().fit(view, itemKnn().grid().get(0))) {
            Row row = fitted.recommend(users(41), 5).first();
            List<String> list = row.getList(1);
            List<Float> scores = row.getList(2);
            assertEquals(Set.of("b2", "b3", "b4", "b5"), new HashSet<>(list.subList(0, 4)), list.toString());
            // the fallback (all-time popularity): b1..b5 (29 users) are seen or listed, then a1/a2 (13), a1 first
            assertEquals("a1", list.get(4));
            assertTrue(scores.get(4) < scores.get(3), "the filled movie scores below the model's picks: " + scores);
            for (int i = 1; i < scores.size(); i++) {
                assertTrue(scores.get(i) <= scores.get(i - 1), "scores best first: " + scores);
            }
        }
    }

    // ---------------------------------------------------------------- user samples

    /**
     * Published from a sample (ADR 9): each model fitted on the odd users only (the probe not among
     * them) and applied to everyone, whose view also knows a movie the sample never saw (so its movie
     * indices differ), lists every user from their own history: the probe, whom no fit saw, gets the
     * rest of its cluster first (ALS by folding it in on the sample's item factors), and no list holds
     * a movie its user saw.
     */
    @Test
    void aModelFittedOnASampleIsAppliedToEveryoneFromTheirOwnHistories() {
        List<Row> all = new ArrayList<>(clusterRows());
        all.add(watched(41, "0-only-outside-the-sample", 30, 9));
        TrainView everyone = view(all, day(10));
        TrainView sample = view(clusterRows().stream().filter(r -> r.getLong(0) <= 40 && r.getLong(0) % 2 == 1).toList(),
                day(10));
        assertTrue(sample.data().movies().length < everyone.data().movies().length, "other movie indices");
        Map<Long, Set<String>> seen = new HashMap<>();
        for (Row r : everyone.data().interactions().select("user", "movie").collectAsList()) {
            seen.computeIfAbsent(r.getLong(0), u -> new HashSet<>()).add(r.getString(1));
        }
        for (Recommender model : List.of(itemKnn(), ease(), implicitAls())) {
            try (FittedModel onSample = model.fit(sample, model.grid().get(0));
                    FittedModel applied = onSample.appliedTo(everyone).orElseThrow()) {
                Map<Long, List<String>> lists = lists(applied.recommend(everyone.data().userIndex().select("user"), 5));
                assertEquals(seen.keySet(), lists.keySet(), model.name() + ": a list for every user of everyone");
                assertEquals(Set.of("a3", "a4", "a5"), new HashSet<>(lists.get(PROBE).subList(0, 3)),
                        model.name() + " lists the rest of A first to the probe no fit saw: " + lists.get(PROBE));
                for (Map.Entry<Long, List<String>> e : lists.entrySet()) {
                    for (String movie : e.getValue()) {
                        assertFalse(seen.get(e.getKey()).contains(movie),
                                model.name() + " lists " + movie + " seen by user " + e.getKey() + ": " + e.getValue());
                    }
                }
            }
        }
        assertTrue(new Popularity().fit(sample, Setting.none()).appliedTo(everyone).isEmpty(),
                "popularity is fitted on everyone again");
    }

    /**
     * Model selection at scale runs on a user sample whose users each stand for {@code userScale}
     * users. A sample of a third is exactly a third of a world where every user exists three times:
     * EASE and item-kNN with the same setting give the probe the same picks with the same scores, and
     * the ranker's movie counts are the same.
     */
    @Test
    void countingSettingsMeanTheSameOnAUserSampleAsOnEveryone() {
        List<Row> rows = clusterRows();
        List<Row> tripled = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            for (Row r : rows) {
                long user = r.getLong(0) == PROBE ? PROBE + copy * 1000L : r.getLong(0) + copy * 1000L;
                tripled.add(RowFactory.create(user, r.get(1), r.get(2), r.get(3), r.get(4)));
            }
        }
        TrainView everyone = view(tripled, day(10));
        TrainView third = view(rows, day(10));
        TrainView sample = new TrainView(spark, third.data(), third.asOf(), third.parallelism(), third.fallback(), 3);
        List<Recommender> models = List.of(
                new ItemKnn(ConfigFactory.parseString("neighbours = [10]\nshrink = [6]\nmax-history = 200")),
                new Ease(ConfigFactory.parseString(
                        "lambda = [30]\nmax-items = 100\nmin-users = 2\nkeep-per-item = 20\nmax-history = 500")));
        for (Recommender model : models) {
            try (FittedModel all = model.fit(everyone, model.grid().get(0));
                    FittedModel sampled = model.fit(sample, model.grid().get(0));
                    FittedModel unscaled = model.fit(third, model.grid().get(0))) {
                Row a = all.recommend(users(PROBE), 3).first();
                Row b = sampled.recommend(users(PROBE), 3).first();
                Row c = unscaled.recommend(users(PROBE), 3).first();
                // the cluster's three movies are near ties: compare each movie's score, not the order
                assertEquals(new HashSet<>(a.getList(1)), new HashSet<>(b.getList(1)), model.name());
                for (int i = 0; i < 3; i++) {
                    float x = a.<Float>getList(2).get(i);
                    int j = b.getList(1).indexOf(a.getList(1).get(i));
                    assertEquals(x, b.<Float>getList(2).get(j), 1e-4 * Math.abs(x), model.name() + " " + a.getList(1).get(i));
                }
                assertTrue(Math.abs(a.<Float>getList(2).get(0) - c.<Float>getList(2).get(0)) > 1e-3,
                        model.name() + ": without the scale the setting means something else on the sample");
            }
        }
        dev.marquee.batch.rank.MovieStats full = dev.marquee.batch.rank.MovieStats.of(everyone);
        dev.marquee.batch.rank.MovieStats scaled = dev.marquee.batch.rank.MovieStats.of(sample);
        for (String movie : List.of("a1", "b3")) {
            float[] x = full.of(movie);
            float[] y = scaled.of(movie);
            for (int f = 0; f < x.length; f++) {
                assertEquals(x[f], y[f], 1e-5, movie + " feature " + f);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new TrainView(spark, third.data(), third.asOf(), 2, null, 0.5));
    }
}
