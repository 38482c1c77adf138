package dev.marquee.batch.eval.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.eval.holdout.Split;
import dev.marquee.batch.models.GateDecision;
import dev.marquee.batch.models.QualityGate;
import dev.marquee.testkit.SparkExtension;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.jdk.javaapi.CollectionConverters;

/** The metrics' Spark aggregation, and the gate, in local Spark. */
@ExtendWith(SparkExtension.class)
class EvalIT {
    private static final double EPS = 1e-9;
    private static final LocalDateTime T0 = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static final StructType INTERACTIONS = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("movie", DataTypes.StringType, false)
            .add("rating", DataTypes.IntegerType, true)
            .add("time", DataTypes.TimestampNTZType, false);
    private static final StructType LISTS = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("movies", DataTypes.createArrayType(DataTypes.StringType, false), false);
    private static SparkSession spark;

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
    }

    private static Row at(long user, String movie, Integer rating, int minute) {
        return RowFactory.create(user, movie, rating, T0.plusMinutes(minute));
    }

    private static Dataset<Row> interactions(List<Row> rows) {
        return spark.createDataFrame(rows, INTERACTIONS);
    }

    private static Set<String> pairs(Dataset<Row> d) {
        Set<String> out = new TreeSet<>();
        d.collectAsList().forEach(r -> out.add(r.getLong(0) + "/" + r.getString(1)));
        return out;
    }

    private static Dataset<Row> lists(Map<Long, List<String>> byUser) {
        List<Row> rows = new ArrayList<>();
        byUser.forEach((u, l) -> rows.add(RowFactory.create(u, CollectionConverters.asScala(l).toSeq())));
        return spark.createDataFrame(rows, LISTS);
    }

    @Test
    void rankingAggregatesTheHandExampleAndCountsMissingAndColdUsers() {
        // Users 1..3 as in UserScoresTest (K=4): P = 0.5, 0.25, 0; R = 2/3, 1, 0; AP = 1/3, 1, 0.
        // User 4 has no list: zeros without a cold-start list.
        Map<Long, List<String>> byUser = new HashMap<>();
        byUser.put(1L, List.of("a", "b", "c", "d"));
        byUser.put(2L, List.of("x", "y"));
        byUser.put(3L, List.of("p", "q", "r", "s", "t"));
        byUser.put(9L, List.of("z")); // not a test user: only coverage sees it
        List<Row> relevant = List.of(at(1, "b", 1, 0), at(1, "d", 1, 0), at(1, "e", 1, 0), at(2, "x", 1, 0),
                at(3, "t", 1, 0), at(4, "a", 1, 0));
        Dataset<Row> rel = interactions(relevant);
        double ndcg1 = UserScores.of(byUser.get(1L), Set.of("b", "d", "e"), 4).ndcg();

        RankingMetrics m = Metrics.ranking(lists(byUser), rel, List.of(), 4, 20);
        assertEquals(4, m.users());
        assertEquals((0.5 + 0.25) / 4, m.precision(), EPS);
        assertEquals((2.0 / 3 + 1) / 4, m.recall(), EPS);
        assertEquals((ndcg1 + 1) / 4, m.ndcg(), EPS);
        assertEquals((1.0 / 3 + 1) / 4, m.map(), EPS);
        assertEquals(11.0 / 20, m.coverage(), EPS, "a b c d x y p q r s z (t is beyond K)");
        assertEquals(0, m.coldStartShare(), EPS);

        // With a cold-start list [a, k], user 4 gets it: a hit at 1 (P 1/4, R 1, NDCG 1, AP 1); k is new in coverage.
        RankingMetrics c = Metrics.ranking(lists(byUser), rel, List.of("a", "k"), 4, 20);
        assertEquals((0.5 + 0.25 + 0.25) / 4, c.precision(), EPS);
        assertEquals((1.0 / 3 + 1 + 1) / 4, c.map(), EPS);
        assertEquals(0.25, c.coldStartShare(), EPS);
        assertEquals(12.0 / 20, c.coverage(), EPS);
    }

    @Test
    void ratingErrorSkipsAndCountsNaN() {
        StructType schema = new StructType().add("rating", DataTypes.DoubleType).add("prediction", DataTypes.DoubleType);
        List<Row> rows = List.of(RowFactory.create(4.0, 3.0), RowFactory.create(2.0, 4.0),
                RowFactory.create(5.0, Double.NaN), RowFactory.create(1.0, 1.0));
        RatingMetrics m = Metrics.rating(spark.createDataFrame(rows, schema));
        // errors 1, -2, 0: MSE 5/3, MAE 1
        assertEquals(new RatingMetrics(3, 1, Math.sqrt(5.0 / 3), 1.0).count(), m.count());
        assertEquals(1, m.skippedNaN());
        assertEquals(Math.sqrt(5.0 / 3), m.rmse(), EPS);
        assertEquals(1.0, m.mae(), EPS);
    }

    @Test
    void theGateRefusesRandomFactorsAgainstRealAls() {
        int users = 300;
        int movies = 150;
        int rank = 4;
        Random rnd = new Random(7);
        double[][] uf = gaussian(rnd, users, rank);
        double[][] vf = gaussian(rnd, movies, rank);
        List<Row> rows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            // a user interacts with the movies that suit them (plus noise), rates them by taste
            double[] noisy = new double[movies];
            Integer[] order = new Integer[movies];
            for (int i = 0; i < movies; i++) {
                noisy[i] = dot(uf[u], vf[i]) + rnd.nextGaussian() * 0.5;
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(noisy[y], noisy[x]));
            for (int j = 0; j < 30; j++) {
                int i = order[j];
                int rating = (int) Math.max(1, Math.min(5, Math.round(3 + dot(uf[u], vf[i]))));
                rows.add(at(u, String.format("m%03d", i), rating, rnd.nextInt(100_000)));
            }
        }
        // A global time cut: the last fifth of the time range is what users did next.
        Dataset<Row> all = interactions(rows);
        Split split = new Split(all.filter(col("time").leq(lit(T0.plusMinutes(80_000)))),
                all.filter(col("time").gt(lit(T0.plusMinutes(80_000)))));
        Dataset<Row> train = split.train().selectExpr("cast(user as int) as u", "cast(substring(movie, 2) as int) as i",
                "cast(rating as float) as rating", "user", "movie").cache();
        ALSModel model = new ALS().setUserCol("u").setItemCol("i").setRatingCol("rating").setRank(8).setRegParam(0.1)
                .setMaxIter(10).setSeed(42).fit(train);

        Map<Long, Set<String>> seen = new HashMap<>();
        train.collectAsList().forEach(r -> seen.computeIfAbsent(r.getLong(3), x -> new HashSet<>()).add(r.getString(4)));
        Map<Integer, float[]> itemFactors = factors(model.itemFactors());
        Map<Integer, float[]> userFactors = factors(model.userFactors());
        Map<Long, List<String>> real = new HashMap<>();
        Map<Long, List<String>> random = new HashMap<>();
        Map<Integer, float[]> randomItems = new HashMap<>();
        itemFactors.forEach((i, f) -> randomItems.put(i, randomVector(rnd, f.length)));
        userFactors.forEach((u, f) -> {
            real.put((long) u, top(f, itemFactors, seen.get((long) u), 20));
            random.put((long) u, top(randomVector(rnd, f.length), randomItems, seen.get((long) u), 20));
        });
        RankingMetrics als = Metrics.ranking(lists(real), split.test(), List.of(), 20, movies);
        RankingMetrics broken = Metrics.ranking(lists(random), split.test(), List.of(), 20, movies);
        train.unpersist();

        assertTrue(als.users() > users * 0.9, "nearly every user has a later interaction: " + als.users());
        assertTrue(als.ndcg() > 2 * broken.ndcg(), "als " + als + " random " + broken);
        GateDecision refused = QualityGate.decide(broken.ndcg(), OptionalDouble.of(als.ndcg()), 0.01);
        assertFalse(refused.publish(), refused.reason());
        assertTrue(QualityGate.decide(als.ndcg(), OptionalDouble.of(als.ndcg()), 0.01).publish());
    }

    private static double[][] gaussian(Random rnd, int n, int rank) {
        double[][] m = new double[n][rank];
        for (double[] row : m) {
            for (int k = 0; k < rank; k++) {
                row[k] = rnd.nextGaussian() * 0.8;
            }
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static float[] randomVector(Random rnd, int rank) {
        float[] v = new float[rank];
        for (int k = 0; k < rank; k++) {
            v[k] = (float) rnd.nextGaussian();
        }
        return v;
    }

    private static Map<Integer, float[]> factors(Dataset<Row> rows) {
        Map<Integer, float[]> out = new HashMap<>();
        rows.collectAsList().forEach(r -> {
            List<Float> f = r.getList(1);
            float[] v = new float[f.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = f.get(k);
            }
            out.put(r.getInt(0), v);
        });
        return out;
    }

    private static List<String> top(float[] user, Map<Integer, float[]> items, Set<String> seen, int k) {
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        items.forEach((i, f) -> {
            String movie = String.format("m%03d", i);
            if (!seen.contains(movie)) {
                double s = 0;
                for (int d = 0; d < f.length; d++) {
                    s += user[d] * f[d];
                }
                scored.add(Map.entry(movie, s));
            }
        });
        scored.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return scored.stream().limit(k).map(Map.Entry::getKey).toList();
    }
}
