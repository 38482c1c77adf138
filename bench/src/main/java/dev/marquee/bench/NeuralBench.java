package dev.marquee.bench;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;

import dev.marquee.batch.HeadlessMetricsServlet;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.NeuralParams;
import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.rank.NeuralStage;
import dev.marquee.batch.rank.PlantedWorld;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The neural stage at scale on a {@link PlantedWorld}: training on the earlier night's sources (a
 * user sample, DJL on the driver), then ranking every user of the later night in Spark partitions.
 * Prints times, hit rate at 20, peak heap and RSS; last line {@code neural_users_per_s=<n>}.
 * Arguments: {@code [users=200000] [movies=20000] [perSource=50] [trainUsers=20000] [partitions=8]}.
 */
public final class NeuralBench {
    private static final int K = 20;

    private NeuralBench() {}

    public static void main(String[] args) throws Exception {
        long users = args.length > 0 ? Long.parseLong(args[0]) : 200_000L;
        int movies = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int perSource = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int trainUsers = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        SparkSession spark = SparkSession.builder().appName("neural-bench").master("local[*]")
                .config("spark.ui.enabled", false).config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").config("spark.sql.shuffle.partitions", partitions)
                .config(SparkSessions.METRICS_SINK_KEY, HeadlessMetricsServlet.class.getName())
                .getOrCreate();
        try {
            run(spark, users, movies, perSource, trainUsers, partitions);
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, long users, int movies, int perSource, int trainUsers, int partitions)
            throws Exception {
        System.out.printf("setup: %,d users x %,d movies, %d per source, train sample %,d users, %d partitions, %d cores%n",
                users, movies, perSource, trainUsers, partitions, Runtime.getRuntime().availableProcessors());
        LocalDateTime now = LocalDateTime.of(2026, 1, 8, 0, 0);
        PlantedWorld.Planted earlier = PlantedWorld.of(spark, users, movies, perSource, now.minusDays(7), 1, partitions);
        PlantedWorld.Planted later = PlantedWorld.of(spark, users, movies, perSource, now, 2, partitions);
        NeuralParams params = new NeuralParams(perSource, List.of(64, 32), 5, 256, 0.003f, 20, 2, trainUsers, 42L);
        long t0 = System.nanoTime();
        FittedModel fitted = new NeuralStage(params).fit(earlier.stage(), earlier.targets(), later.stage());
        long t1 = System.nanoTime();
        System.out.printf("training: %.1f s, %s%n", sec(t0, t1), fitted.describe());
        Dataset<Row> lists = fitted.recommend(later.targets().select("user"), K).cache();
        long listed = lists.count();
        long t2 = System.nanoTime();
        double rate = listed / sec(t1, t2);
        long hits = lists.join(later.targets(), "user").filter(array_contains(col("movies"), col("movie"))).count();
        System.out.printf("scoring: %,d users ranked (2 x %d candidates -> %d) in %.1f s (%,.0f users/s); hit rate@%d %.3f%n",
                listed, perSource, K, sec(t1, t2), rate, K, (double) hits / Math.max(1, listed));
        System.out.printf("memory: peak heap %,d MB (max %,d MB), peak RSS %s%n", peakHeapMb(),
                Runtime.getRuntime().maxMemory() >> 20, rss());
        System.out.printf("neural_users_per_s=%.0f%n", rate);
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
