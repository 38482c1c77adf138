package dev.marquee.batch.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.ingest.EventRows;
import dev.marquee.batch.recommend.GlobalRanking;
import dev.marquee.batch.train.Interactions;
import dev.marquee.batch.train.TrainingData;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.SparkExtension;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The selector on a global time cut: windows in order, tuning on validation only, one plug-in from test to publish. */
@ExtendWith(SparkExtension.class)
class ModelSelectorIT {
    private static final LocalDateTime T0 = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static final StructType EVENTS = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("user", DataTypes.LongType, false)
            .add("movie", DataTypes.StringType, false)
            .add("rating", DataTypes.IntegerType, true)
            .add("minute", DataTypes.IntegerType, true)
            .add("time", DataTypes.TimestampNTZType, false)
            .add("partition", DataTypes.IntegerType, false)
            .add("offset", DataTypes.LongType, false);
    private static SparkSession spark;
    private static BatchConfig config;
    private static Dataset<Row> events;
    private static LocalDateTime end;

    @BeforeAll
    static void start(SparkSession session) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("marquee.batch.models.candidates", List.of("popularity", "decayed-popularity", "item-knn", "ease"));
        overrides.put("marquee.batch.models.decayed-popularity.half-life-days", List.of(1.0, 30.0));
        overrides.put("marquee.batch.models.item-knn.neighbours", 20);
        overrides.put("marquee.batch.models.item-knn.shrink", List.of(1.0, 10.0));
        overrides.put("marquee.batch.models.ease.lambda", List.of(5.0, 50.0));
        overrides.put("marquee.batch.eval.window", "2d");
        overrides.put("marquee.batch.eval.min-users", 30);
        overrides.put("marquee.batch.eval.tune-sample-users", 0);
        config = BatchSettings.unused().set(overrides).load(BatchConfig::load);
        spark = session;
        events = events().cache();
        end = T0.plusDays(30);
    }

    /** 150 users in 3 taste groups of 20 movies; each rates 12 movies of its group at random times over 30 days. */
    private static Dataset<Row> events() {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        long offset = 0;
        for (long user = 1; user <= 150; user++) {
            int group = (int) (user % 3);
            List<Integer> movies = new ArrayList<>();
            for (int m = 0; m < 20; m++) {
                movies.add(m);
            }
            Collections.shuffle(movies, random);
            for (int n = 0; n < 12; n++) {
                LocalDateTime at = T0.plusMinutes(random.nextInt(30 * 24 * 60));
                rows.add(RowFactory.create(EventRows.RATE, user, "g" + group + "m" + movies.get(n), 4, null, at, 0,
                        offset++));
            }
        }
        // the last event marks the end of the log
        rows.add(RowFactory.create(EventRows.RATE, 1L, "g1m0", 4, null, T0.plusDays(30), 0, offset));
        return spark.createDataFrame(rows, EVENTS);
    }

    @Test
    void validationWindowPrecedesTheTestWindowAndSettingsComeFromIt() {
        ModelSelector selector = new ModelSelector(spark, config, f -> f);
        try (Selection s = selector.select(events, end)) {
            assertEquals(end, s.test().cut().end(), "the test window ends at the lake's latest event");
            Duration window = s.test().cut().window();
            assertTrue(window.compareTo(Duration.ofDays(2)) >= 0);
            assertEquals(s.test().cut().cut().minus(window).toString(), s.report().protocol().validationCut());
            assertTrue(s.test().view().data().interactions().filter(
                    org.apache.spark.sql.functions.col("time").gt(org.apache.spark.sql.functions.lit(s.test().cut().cut())))
                    .isEmpty(), "the models learn nothing after the cut");

            Map<String, List<TuningPoint>> byModel = s.tuning().stream().collect(Collectors.groupingBy(TuningPoint::model));
            assertEquals(Set.of("decayed-popularity", "item-knn", "ease"), byModel.keySet(), "popularity has no grid");
            for (Candidate c : s.candidates()) {
                List<TuningPoint> points = byModel.getOrDefault(c.name(), List.of());
                if (points.isEmpty()) {
                    continue;
                }
                assertEquals(2, points.size(), c.name());
                List<TuningPoint> chosen = points.stream().filter(TuningPoint::chosen).toList();
                assertEquals(1, chosen.size(), c.name());
                assertEquals(chosen.get(0).setting(), c.setting(), c.name() + " competes with its validation-best setting");
                double best = points.stream().mapToDouble(TuningPoint::ndcg).max().orElseThrow();
                assertEquals(best, chosen.get(0).ndcg(), 1e-12, c.name());
            }
        }
    }

    @Test
    void everyModelIsJudgedOnTheSameUsersAndTheWinnerIsPublishedByTheSamePlugin() {
        ModelSelector selector = new ModelSelector(spark, config, f -> f);
        try (Selection s = selector.select(events, end)) {
            long users = s.test().userCount();
            assertTrue(users >= 30, "the window was widened to the minimum: " + users);
            for (Candidate c : s.candidates()) {
                assertEquals(users, c.evaluation().ranking().users(), c.name());
            }
            assertEquals(4, s.candidates().size());
            Candidate best = s.candidates().stream().max((a, b) -> Double.compare(a.ndcg(), b.ndcg())).orElseThrow();
            assertEquals(best.name(), s.published().name());
            assertTrue(s.candidates().stream().filter(c -> c.name().equals("item-knn") || c.name().equals("ease"))
                    .allMatch(c -> c.ndcg() > s.candidates().get(0).ndcg()),
                    "taste groups: the item models beat all-time popularity " + s.candidates());

            Recommender plugin = s.model();
            assertSame(selector.firstStage().stream().filter(r -> r.name().equals(best.name())).findFirst().orElseThrow(),
                    plugin, "the gate's figure and the published lists come from one plug-in instance");
            TrainingData all = TrainingData.from(spark, Interactions.from(events));
            TrainView view = new TrainView(spark, all, end, 4, GlobalRanking.of(new float[all.movies().length]));
            List<Row> lists = Publisher.lists(selector, s, view, 10).collectAsList();
            assertEquals(150, lists.size(), "every user gets a list");
            for (Row r : lists) {
                String group = "g" + (r.getLong(0) % 3);
                List<String> movies = r.getList(1);
                assertTrue(movies.stream().limit(7).allMatch(m -> m.startsWith(group)),
                        "each list starts with the unseen movies of the user's taste group: " + r);
            }
            all.release();
        }
    }

    /** Above select-sample-users, the models compete on a hash sample of users; the winner still lists everyone. */
    @Test
    void atScaleTheModelsCompeteOnAUserSampleAndTheWinnerListsEveryone() {
        BatchConfig sampled = BatchSettings.unused().set(Map.of(
                "marquee.batch.models.candidates", List.of("popularity", "decayed-popularity", "item-knn"),
                "marquee.batch.models.decayed-popularity.half-life-days", List.of(1.0, 30.0),
                "marquee.batch.models.item-knn.neighbours", 20,
                "marquee.batch.eval.window", "2d",
                "marquee.batch.eval.min-users", 20,
                "marquee.batch.eval.select-sample-users", 75)).load(BatchConfig::load);
        ModelSelector selector = new ModelSelector(spark, sampled, f -> f);
        try (Selection s = selector.select(events, end)) {
            double share = s.report().protocol().userShare();
            assertTrue(share > 0.3 && share < 0.7, "about half of 150 users: " + share);
            long known = s.test().view().data().userIndex().count();
            assertTrue(known < 150 && Math.abs(known - 150 * share) < 1, "the views hold the sample only: " + known);
            assertEquals(1 / share, s.test().view().userScale(), 1e-9);
            TrainingData all = TrainingData.from(spark, Interactions.from(events));
            TrainView view = new TrainView(spark, all, end, 4, GlobalRanking.of(new float[all.movies().length]));
            assertEquals(150, Publisher.lists(selector, s, view, 10).count(), "the winner is refitted on every user");
            all.release();
        }
    }

    /** With marquee.batch.ab set, the runner-up and decayed popularity become arms of the version, beside the winner. */
    @Test
    void theRunnerUpAndAPopularityControlBecomeArmsOfTheVersion(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("marquee.batch.models.candidates", List.of("popularity", "decayed-popularity", "item-knn", "ease"));
        overrides.put("marquee.batch.models.decayed-popularity.half-life-days", List.of(1.0, 30.0));
        overrides.put("marquee.batch.models.item-knn.neighbours", 20);
        overrides.put("marquee.batch.models.ease.lambda", 5.0);
        overrides.put("marquee.batch.eval.window", "2d");
        overrides.put("marquee.batch.eval.min-users", 30);
        overrides.put("marquee.batch.ab.second-arm", "runner-up");
        overrides.put("marquee.batch.ab.control", true);
        BatchConfig ab = BatchSettings.unused().set(overrides).load(BatchConfig::load);
        ModelSelector selector = new ModelSelector(spark, ab, f -> f);
        try (Selection s = selector.select(events, end)) {
            TrainingData all = TrainingData.from(spark, Interactions.from(events));
            TrainView view = new TrainView(spark, all, end, 4, GlobalRanking.of(new float[all.movies().length]));
            Map<String, AbArms.Arm> arms = AbArms.of(ab.models(), selector, s, view, 10);
            assertEquals(List.of(AbArms.CANDIDATE, AbArms.CONTROL), List.copyOf(arms.keySet()));
            String runnerUp = s.candidates().stream().filter(c -> !c.name().equals(s.published().name()))
                    .max((a, b) -> Double.compare(a.ndcg(), b.ndcg())).orElseThrow().name();
            assertEquals(runnerUp, arms.get(AbArms.CANDIDATE).model(), "the best of the others");
            assertEquals("decayed-popularity", arms.get(AbArms.CONTROL).model());
            dev.marquee.store.StoreLayout layout = new dev.marquee.store.StoreLayout(dir);
            Map<String, Dataset<Row>> lists = new java.util.LinkedHashMap<>();
            arms.forEach((name, arm) -> lists.put(name, arm.lists()));
            dev.marquee.store.Manifest m = dev.marquee.batch.publish.StoreExport.write(layout, "v000001",
                    Publisher.lists(selector, s, view, 10), lists,
                    new dev.marquee.batch.recommend.ColdStart(List.of("g0m0"), new float[] {1f}, 0, 0), Map.of(), Map.of(),
                    dev.marquee.batch.progress.Steps.NONE, -1);
            assertEquals(Map.of(AbArms.CANDIDATE, 150L, AbArms.CONTROL, 150L), m.arms());
            try (dev.marquee.store.StoreReader r = dev.marquee.store.StoreReader.open(layout, "v000001")) {
                java.util.Set<String> seen = events.filter(org.apache.spark.sql.functions.col("user").equalTo(7L))
                        .select("movie").collectAsList().stream().map(x -> x.getString(0)).collect(Collectors.toSet());
                for (String arm : List.of("main", AbArms.CANDIDATE, AbArms.CONTROL)) {
                    List<String> ids = r.ids(r.get(arm, 7));
                    // up to 10: this view's fallback (all zeros) fills nothing
                    assertTrue(ids.size() >= 5 && ids.size() <= 10, arm + ": " + ids);
                    assertTrue(ids.stream().noneMatch(seen::contains), arm + " lists no seen movie: " + ids);
                }
            }
            arms.values().forEach(a -> a.fitted().close());
            all.release();
        }
    }

    @Test
    void aBacktestJudgesEveryNightOnItsOwnPast() {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("marquee.batch.models.candidates", List.of("popularity", "decayed-popularity"));
        overrides.put("marquee.batch.models.decayed-popularity.half-life-days", List.of(1.0, 30.0));
        overrides.put("marquee.batch.eval.window", "2d");
        overrides.put("marquee.batch.eval.min-users", 30);
        BatchConfig small = BatchSettings.unused().set(overrides).load(BatchConfig::load);
        List<dev.marquee.batch.eval.report.BacktestPage.Row> nights = Backtest.run(spark, small, events, 3,
                Duration.ofDays(3), List.of(), f -> f);
        assertEquals(3, nights.size());
        for (int n = 0; n < 3; n++) {
            dev.marquee.batch.eval.report.BacktestPage.Row night = nights.get(n);
            assertEquals(end.minusDays(3L * (2 - n)), night.end(), "nights in order, 3 days apart, the last at the end");
            assertTrue(night.cut().isBefore(night.end()));
            assertEquals(Set.of("popularity", "decayed-popularity"), night.ndcg().keySet());
            double best = night.ndcg().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertEquals(best, night.ndcg().get(night.winner()), 1e-12, "each night publishes its best");
        }
        assertTrue(nights.get(0).users() != nights.get(2).users()
                || nights.get(0).ndcg().get("popularity").doubleValue() != nights.get(2).ndcg().get("popularity").doubleValue(),
                "each night is judged on its own window");
    }
}
