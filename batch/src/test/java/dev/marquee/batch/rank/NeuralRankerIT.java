package dev.marquee.batch.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A synthetic platform with a planted effect ALS cannot see: ratings follow latent tastes, but
 * what users go on to watch also favours movies from 2000 on, eight to one. The ranker, trained on
 * one set of later interactions, must beat ALS order on another.
 */
class NeuralRankerIT {
    private static final int USERS = 400;
    private static final int MOVIES = 300;
    private static final int N = 10;
    private static SparkSession spark;
    private static World world;

    @BeforeAll
    static void start() {
        spark = TestSpark.session(TestSpark.config("127.0.0.1:1", Path.of("target/unused"), Map.of()));
        world = new World(new Random(7));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static RankerParams params() {
        return new RankerParams(100, 1024, 8, 32, 8, 256, 0.01f, 4, 100_000, 42L);
    }

    @Test
    void rankerBeatsAlsOnHeldOutInteractionsAndIsDeterministic() {
        ALSModel als = new ALS().setUserCol("u").setItemCol("i").setRatingCol("rating").setRank(4).setMaxIter(10)
                .setRegParam(0.1).setSeed(1).setNumUserBlocks(2).setNumItemBlocks(2).fit(world.indexedRatings());
        RankFeatures features = RankFeatures.from(world.ratings(), world.movies, Map.of());
        Dataset<Row> stats = RankFeatures.userStats(world.ratings());
        Dataset<Row> trainCands = Candidates.of(spark, als, world.userIndex(), world.seen(false), world.movies, 100).cache();
        TrainedRanker ranker = NeuralRanker.train(spark, trainCands, world.positives(world.future), stats, features, params());
        TrainedRanker again = NeuralRanker.train(spark, trainCands, world.positives(world.future), stats, features, params());
        assertArrayEquals(ranker.report().epochLosses(), again.report().epochLosses(), "same seed, same losses");
        float[] losses = ranker.report().epochLosses();
        assertTrue(losses[losses.length - 1] < losses[0], "loss falls: " + java.util.Arrays.toString(losses));
        assertTrue(ranker.report().parity() < 1e-4f, "plain-Java forward equals DJL's: " + ranker.report().parity());

        Dataset<Row> cands = Candidates.of(spark, als, world.userIndex(), world.seen(true), world.movies, 100).cache();
        List<Row> reranked = ranker.rerank(spark, cands, N).collectAsList();
        Map<Long, List<String>> alsTop = new HashMap<>();
        for (Row r : cands.collectAsList()) {
            List<String> movies = r.getList(1);
            assertEquals(100, movies.size());
            alsTop.put(r.getLong(0), movies.subList(0, N));
        }
        assertEquals(USERS, reranked.size());
        long previous = Long.MIN_VALUE;
        int alsHits = 0;
        int rankerHits = 0;
        for (Row r : reranked) {
            long user = r.getLong(0);
            assertTrue(user > previous, "sorted by user");
            previous = user;
            List<String> movies = r.getList(1);
            List<Float> scores = r.getList(2);
            assertEquals(N, movies.size());
            assertEquals(N, new HashSet<>(movies).size(), "distinct");
            for (int k = 1; k < N; k++) {
                assertTrue(scores.get(k - 1) >= scores.get(k), "best first");
            }
            int u = (int) (user - 1000);
            for (String m : movies) {
                assertFalse(world.rated.get(u).contains(world.index(m)), "never a rated movie");
                assertFalse(world.future.get(u).contains(world.index(m)), "never an already-seen movie");
            }
            rankerHits += hits(movies, world.test.get(u));
            alsHits += hits(alsTop.get(user), world.test.get(u));
        }
        double alsRate = alsHits / (double) (USERS * 4);
        double rankerRate = rankerHits / (double) (USERS * 4);
        assertTrue(rankerRate > alsRate * 1.2, "ranker hit-rate@10 " + rankerRate + " vs ALS " + alsRate);
    }

    private static int hits(List<String> list, Set<Integer> truth) {
        int h = 0;
        for (String m : list) {
            h += truth.contains(world.index(m)) ? 1 : 0;
        }
        return h;
    }

    /** Users with 4-dim tastes; 25 ratings each; two disjoint sets of 4 later interactions. */
    private static final class World {
        final String[] movies = new String[MOVIES];
        final int[] years = new int[MOVIES];
        final List<Set<Integer>> rated = new ArrayList<>();
        final List<Map<Integer, Float>> ratings = new ArrayList<>();
        final List<Set<Integer>> future = new ArrayList<>();
        final List<Set<Integer>> test = new ArrayList<>();

        World(Random random) {
            double[][] items = gaussian(random, MOVIES);
            double[][] users = gaussian(random, USERS);
            for (int i = 0; i < MOVIES; i++) {
                years[i] = 1950 + (i * 37) % 71;
                movies[i] = String.format("m%03d+%d", i, years[i]);
            }
            for (int u = 0; u < USERS; u++) {
                Map<Integer, Float> r = new HashMap<>();
                while (r.size() < 25) {
                    int i = random.nextInt(MOVIES);
                    r.put(i, (float) Math.max(1, Math.min(5, Math.round(3 + 1.2 * dot(users[u], items[i])))));
                }
                ratings.add(r);
                rated.add(r.keySet());
                Set<Integer> taken = new HashSet<>(r.keySet());
                future.add(draw(random, users[u], items, taken));
                test.add(draw(random, users[u], items, taken));
            }
        }

        private Set<Integer> draw(Random random, double[] user, double[][] items, Set<Integer> taken) {
            Set<Integer> out = new HashSet<>();
            double[] w = new double[MOVIES];
            while (out.size() < 4) {
                double total = 0;
                for (int i = 0; i < MOVIES; i++) {
                    w[i] = taken.contains(i) ? 0 : Math.exp(dot(user, items[i])) * (years[i] >= 2000 ? 8 : 1);
                    total += w[i];
                }
                double x = random.nextDouble() * total;
                int i = 0;
                while (i < MOVIES - 1 && (x -= w[i]) > 0) {
                    i++;
                }
                out.add(i);
                taken.add(i);
            }
            return out;
        }

        int index(String slug) {
            return Integer.parseInt(slug.substring(1, 4));
        }

        private static double[][] gaussian(Random random, int n) {
            double[][] v = new double[n][4];
            for (double[] row : v) {
                for (int k = 0; k < 4; k++) {
                    row[k] = random.nextGaussian() * 0.7;
                }
            }
            return v;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int k = 0; k < a.length; k++) {
                s += a[k] * b[k];
            }
            return s;
        }

        Dataset<Row> indexedRatings() {
            List<Row> rows = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                for (Map.Entry<Integer, Float> e : ratings.get(u).entrySet()) {
                    rows.add(RowFactory.create(u, e.getKey(), e.getValue()));
                }
            }
            return spark.createDataFrame(rows, new StructType().add("u", DataTypes.IntegerType).add("i", DataTypes.IntegerType)
                    .add("rating", DataTypes.FloatType));
        }

        Dataset<Row> ratings() {
            List<Row> rows = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                for (Map.Entry<Integer, Float> e : ratings.get(u).entrySet()) {
                    rows.add(RowFactory.create(1000L + u, movies[e.getKey()], (double) e.getValue()));
                }
            }
            return spark.createDataFrame(rows, new StructType().add("user", DataTypes.LongType)
                    .add("movie", DataTypes.StringType).add("rating", DataTypes.DoubleType));
        }

        Dataset<Row> userIndex() {
            List<Row> rows = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                rows.add(RowFactory.create(1000L + u, u));
            }
            return spark.createDataFrame(rows, new StructType().add("user", DataTypes.LongType).add("u", DataTypes.IntegerType));
        }

        /** {@code u, seen}: rated movies, plus the first later interactions when {@code withFuture}. */
        Dataset<Row> seen(boolean withFuture) {
            List<Row> rows = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                List<Integer> s = new ArrayList<>(rated.get(u));
                if (withFuture) {
                    s.addAll(future.get(u));
                }
                rows.add(RowFactory.create(u, s));
            }
            return spark.createDataFrame(rows, new StructType().add("u", DataTypes.IntegerType)
                    .add("seen", DataTypes.createArrayType(DataTypes.IntegerType)));
        }

        Dataset<Row> positives(List<Set<Integer>> sets) {
            List<Row> rows = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                for (int i : sets.get(u)) {
                    rows.add(RowFactory.create(1000L + u, movies[i]));
                }
            }
            return spark.createDataFrame(rows, new StructType().add("user", DataTypes.LongType).add("movie", DataTypes.StringType));
        }
    }
}
