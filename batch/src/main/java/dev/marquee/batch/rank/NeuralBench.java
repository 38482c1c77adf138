package dev.marquee.batch.rank;

import dev.marquee.batch.HeadlessMetricsServlet;
import dev.marquee.batch.recommend.ItemFactors;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The neural ranker at scale on random ALS factors: candidates (C per user) for every user, training
 * on a sample on the driver, re-ranking of every user in Spark partitions. Prints times, peak heap
 * and RSS; last line {@code neural_users_per_s=<n>} (re-ranked users per second).
 * Arguments: {@code [users=1000000] [movies=27000] [rank=32] [candidates=200] [trainUsers=20000] [partitions=8]}.
 */
public final class NeuralBench {
    private static final StructType USERS = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("seen", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
    private static final StructType PAIRS = new StructType()
            .add("user", DataTypes.LongType, false).add("movie", DataTypes.StringType, false);

    private NeuralBench() {}

    public static void main(String[] args) throws Exception {
        long users = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int movies = args.length > 1 ? Integer.parseInt(args[1]) : 27_000;
        int rank = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int c = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int trainUsers = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
        int partitions = args.length > 5 ? Integer.parseInt(args[5]) : 8;
        SparkSession spark = SparkSession.builder().appName("neural-bench").master("local[*]")
                .config("spark.ui.enabled", false).config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").config("spark.sql.shuffle.partitions", partitions)
                .config("spark.metrics.conf.*.sink.servlet.class", HeadlessMetricsServlet.class.getName())
                .getOrCreate();
        try {
            run(spark, users, movies, rank, c, trainUsers, partitions);
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, long users, int movieCount, int rank, int c, int trainUsers,
            int partitions) throws Exception {
        Random random = new Random(1);
        String[] movies = new String[movieCount];
        long[] counts = new long[movieCount];
        float[] matrix = new float[movieCount * rank];
        int[] items = new int[movieCount];
        for (int i = 0; i < movieCount; i++) {
            items[i] = i;
            movies[i] = "movie+" + i + "+" + (1930 + random.nextInt(95));
            counts[i] = (long) (200_000 / Math.pow(i + 1, 0.9));
            for (int k = 0; k < rank; k++) {
                matrix[i * rank + k] = (float) (random.nextGaussian() / Math.sqrt(rank)) + 0.1f;
            }
        }
        ItemFactors factors = new ItemFactors(rank, items, matrix);
        RankFeatures features = RankFeatures.of(movies, counts, Map.of(), 3.5f, 1f);
        System.out.printf("setup: %,d users x %,d movies, rank %d, C=%d, train sample %,d users, %d partitions, %d cores%n",
                users, movieCount, rank, c, trainUsers, partitions, Runtime.getRuntime().availableProcessors());

        MapPartitionsFunction<Row, Row> userRows = it -> {
            List<Row> out = new ArrayList<>();
            it.forEachRemaining(r -> out.add(user(r.getLong(0), rank, movieCount)));
            return out.iterator();
        };
        Dataset<Row> userFactors = spark.range(0, users, 1, partitions).toDF("id").mapPartitions(userRows, Encoders.row(USERS));
        long t0 = System.nanoTime();
        Dataset<Row> candidates = Candidates.generate(spark, userFactors, factors, movies, c).cache();
        long candidateCount = candidates.count();
        long t1 = System.nanoTime();
        System.out.printf("candidates: %,d users x %d in %.1f s (%,.0f users/s)%n", candidateCount, c, sec(t0, t1),
                candidateCount / sec(t0, t1));

        Dataset<Row> sample = candidates.filter(candidates.col("user").lt(trainUsers));
        MapPartitionsFunction<Row, Row> pick = it -> {
            List<Row> out = new ArrayList<>();
            it.forEachRemaining(r -> positives(r, out));
            return out.iterator();
        };
        Dataset<Row> positives = sample.mapPartitions(pick, Encoders.row(PAIRS));
        Dataset<Row> stats = spark.range(0, users, 1, partitions).toDF("user")
                .selectExpr("user", "cast(5 + pmod(user * 7, 200) as long) as interactions",
                        "cast(2.5 + pmod(user, 5) * 0.4 as double) as meanRating");
        RankerParams params = RankerParams.defaults().withCandidates(c);
        TrainedRanker ranker = NeuralRanker.train(spark, sample, positives, stats, features, params);
        long t2 = System.nanoTime();
        System.out.printf("training: %.1f s total (examples %.1f s, DJL %.1f s on %s), %,d examples, losses %s%n",
                sec(t1, t2), ranker.report().examplesMs() / 1000.0, ranker.report().trainMs() / 1000.0,
                ranker.report().device(), ranker.report().examples(), java.util.Arrays.toString(ranker.report().epochLosses()));

        Dataset<Row> lists = ranker.rerank(spark, candidates, 20);
        lists.write().format("noop").mode("overwrite").save();
        long t3 = System.nanoTime();
        double rate = users / sec(t2, t3);
        System.out.printf("scoring: %,d users re-ranked (C=%d -> 20, sorted by user) in %.1f s (%,.0f users/s, %,.0f pairs/s)%n",
                users, c, sec(t2, t3), rate, rate * c);
        System.out.printf("memory: peak heap %,d MB (max %,d MB), peak RSS %s%n", peakHeapMb(),
                Runtime.getRuntime().maxMemory() >> 20, rss());
        candidates.unpersist();
        System.out.printf("neural_users_per_s=%.0f%n", rate);
    }

    private static Row user(long id, int rank, int movies) {
        Random r = new Random(id * 0x9E3779B97F4A7C15L + 17);
        List<Float> f = new ArrayList<>(rank);
        for (int k = 0; k < rank; k++) {
            f.add((float) (r.nextGaussian() / Math.sqrt(rank)));
        }
        List<Integer> seen = new ArrayList<>(20);
        for (int s = 0; s < 20; s++) {
            seen.add(r.nextInt(movies));
        }
        return RowFactory.create(id, scala.jdk.javaapi.CollectionConverters.asScala(f).toSeq(),
                scala.jdk.javaapi.CollectionConverters.asScala(seen).toSeq());
    }

    /** Planted signal: a user later watches 3 of the candidates, recent years favoured 8 to 1. */
    private static void positives(Row r, List<Row> out) {
        long user = r.getLong(0);
        List<String> movies = r.getList(1);
        Random random = new Random(user + 99);
        int picked = 0;
        for (int tries = 0; tries < 200 && picked < 3; tries++) {
            String m = movies.get(random.nextInt(movies.size()));
            if (RankFeatures.yearOf(m) >= 2000 || random.nextInt(8) == 0) {
                out.add(RowFactory.create(user, m));
                picked++;
            }
        }
    }

    private static double sec(long from, long to) {
        return (to - from) / 1e9;
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static String rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "n/a";
    }
}
