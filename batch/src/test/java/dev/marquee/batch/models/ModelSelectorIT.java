package dev.marquee.batch.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.BatchConfig;
import dev.marquee.batch.TestSpark;
import dev.marquee.batch.train.AlsTrainer.Variant;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hyperparameters are tuned on a validation holdout that never sees the test holdout. */
class ModelSelectorIT {
    private static final LocalDateTime T0 = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static final StructType INTERACTIONS = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("movie", DataTypes.StringType, false)
            .add("rating", DataTypes.IntegerType, true)
            .add("minutes", DataTypes.IntegerType, true)
            .add("time", DataTypes.TimestampNTZType, false);
    private static SparkSession spark;
    private static BatchConfig config;

    @BeforeAll
    static void start() {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("marquee.batch.tune.models", List.of("als-explicit", "als-implicit"));
        overrides.put("marquee.batch.tune.ranks", List.of(2, 6));
        overrides.put("marquee.batch.tune.reg-params", List.of(0.5));
        overrides.put("marquee.batch.tune.alphas", List.of(20.0));
        overrides.put("marquee.batch.eval.test-per-user", 2);
        overrides.put("marquee.batch.eval.min-history", 8);
        config = TestSpark.config("127.0.0.1:1", Path.of("target/unused"), overrides);
        spark = TestSpark.session(config);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** 200 users in 4 taste groups of 15 movies each; every user touches 12 movies of their group over time. */
    private static Dataset<Row> interactions() {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (long user = 1; user <= 200; user++) {
            int group = (int) (user % 4);
            List<Integer> movies = new ArrayList<>();
            for (int m = 0; m < 15; m++) {
                movies.add(group * 15 + m);
            }
            java.util.Collections.shuffle(movies, random);
            for (int n = 0; n < 12; n++) {
                boolean rated = random.nextInt(3) == 0;
                rows.add(RowFactory.create(user, "m" + movies.get(n), rated ? 3 + random.nextInt(3) : null,
                        rated ? null : 20 + random.nextInt(100), T0.plusHours(n * 24L + user % 24)));
            }
        }
        return spark.createDataFrame(rows, INTERACTIONS);
    }

    @Test
    void validationHoldoutIsEarlierThanTestAndDisjointFromIt() {
        Dataset<Row> all = interactions().cache();
        try (EvalSet test = EvalSet.of(spark, all, config);
                EvalSet validation = EvalSet.of(spark, test.split().train(), config)) {
            assertEquals(200, test.userCount());
            assertEquals(200, validation.userCount());
            Map<Long, Long> firstTest = firstTimes(test.split().test());
            Map<Long, Long> lastValidation = lastTimes(validation.split().test());
            Map<Long, Long> lastValidationTrain = lastTimes(validation.split().train());
            for (long user = 1; user <= 200; user++) {
                assertTrue(lastValidation.get(user) <= firstTest.get(user), "user " + user + ": validation after test");
                assertTrue(lastValidationTrain.get(user) <= lastValidation.get(user), "user " + user);
            }
            long overlap = validation.split().train().select("user", "movie")
                    .union(validation.split().test().select("user", "movie"))
                    .intersect(test.split().test().select("user", "movie")).count();
            assertEquals(0, overlap, "the validation holdout saw test interactions");
        }
    }

    @Test
    void eachVariantPublishesItsBestValidationSetting() {
        ModelSelector.Selection selection = new ModelSelector(spark, config, f -> f).select(interactions());
        List<TuningPoint> tuning = selection.tuning();
        for (Variant variant : Variant.values()) {
            List<TuningPoint> tried = tuning.stream().filter(t -> t.variant() == variant).toList();
            assertEquals(2, tried.size(), variant + " grid: 2 ranks");
            List<TuningPoint> chosen = tried.stream().filter(TuningPoint::chosen).toList();
            assertEquals(1, chosen.size(), variant + ": exactly one chosen");
            double bestNdcg = tried.stream().mapToDouble(TuningPoint::ndcg).max().orElseThrow();
            assertEquals(bestNdcg, chosen.get(0).ndcg(), 1e-12, variant + ": the chosen one is the best on validation");
            String name = variant == Variant.EXPLICIT ? "als-explicit" : "als-implicit";
            Candidate competed = selection.candidates().stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow();
            assertEquals(chosen.get(0).params(), competed.params(), name + " competed with its tuned setting");
        }
        // The structure is learnable: a tuned ALS beats chance by far on the test holdout.
        double chance = 2.0 / 15;
        assertTrue(selection.candidates().stream().anyMatch(c -> c.name().startsWith("als") && c.ndcg() > chance),
                "ALS NDCG " + selection.candidates());
    }

    private static Map<Long, Long> firstTimes(Dataset<Row> d) {
        Map<Long, Long> out = new HashMap<>();
        d.collectAsList().forEach(r -> out.merge(r.getLong(0), micros(r), Math::min));
        return out;
    }

    private static Map<Long, Long> lastTimes(Dataset<Row> d) {
        Map<Long, Long> out = new HashMap<>();
        d.collectAsList().forEach(r -> out.merge(r.getLong(0), micros(r), Math::max));
        return out;
    }

    private static long micros(Row r) {
        Object t = r.getAs("time");
        LocalDateTime time = t instanceof Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) t;
        return java.time.Duration.between(T0, time).toMinutes();
    }
}
