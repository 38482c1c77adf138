package dev.marquee.bench;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.BatchMain;
import dev.marquee.batch.JobResult;
import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.recommend.FactorModel;
import dev.marquee.batch.recommend.FactorScorer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;

/**
 * bench/nightly's job JVM: one nightly run as {@code marquee batch} runs it, plus a scoring probe
 * once the published lists are made (their data still cached): the time to score every user
 * against every movie with the published model's factors (the first stage's, for the neural
 * ranker) through the job's own Spark path, and the time of a bare single-precision matrix
 * multiply of the same shape ({@code users x rank} times {@code rank x movies}) through the same
 * BLAS on as many threads as Spark has cores. Prints
 * {@code SCORING users=.. movies=.. rank=.. topn_s=.. gemm_s=.. probe_s=..}; exits as {@link BatchMain}.
 */
public final class NightlyBenchJob {
    private NightlyBenchJob() {}

    public static void main(String[] args) {
        BatchConfig config = BatchConfig.load(ConfigFactory.load());
        SparkSession spark = SparkSessions.create(config);
        int code;
        try {
            JobResult result = new NightlyJob(spark, config).afterLists(fitted -> probe(spark, fitted, config.topN())).run();
            System.out.printf("published %s: %d users, %d movies, %d ratings in %.1f s%n", result.versionId(), result.users(),
                    result.movies(), result.ratings(), result.elapsedMs() / 1000.0);
            code = BatchMain.PUBLISHED;
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            code = BatchMain.FAILED;
        } finally {
            spark.stop();
        }
        System.exit(code);
    }

    private static void probe(SparkSession spark, List<FittedModel> fitted, int k) {
        long start = System.nanoTime();
        FactorModel model = fitted.stream().filter(FactorModel.class::isInstance).map(FactorModel.class::cast).findFirst()
                .orElse(null);
        if (model == null) {
            System.out.println("SCORING none: the published model has no factor stage");
            return;
        }
        long users = model.users();
        long t0 = System.nanoTime();
        long lists = model.recommendAll(k).count();
        double topn = (System.nanoTime() - t0) / 1e9;
        int threads = spark.sparkContext().defaultParallelism();
        double gemm = gemmSeconds(users, model.rank(), model.movies(), threads);
        System.out.printf("SCORING users=%d lists=%d movies=%d rank=%d threads=%d topn_s=%.2f gemm_s=%.2f probe_s=%.2f%n",
                users, lists, model.movies(), model.rank(), threads, topn, gemm, (System.nanoTime() - start) / 1e9);
    }

    /** Wall time of {@code users x rank} times {@code rank x movies} in blocks of {@link FactorScorer#BLOCK} users, on {@code threads} threads. */
    static double gemmSeconds(long users, int rank, int movies, int threads) {
        Random random = new Random(1);
        float[] items = new float[movies * rank];
        for (int i = 0; i < items.length; i++) {
            items[i] = (float) random.nextGaussian();
        }
        long blocks = (users + FactorScorer.BLOCK - 1) / FactorScorer.BLOCK;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            Future<?>[] done = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                int first = t;
                done[t] = pool.submit(() -> {
                    float[] block = new float[FactorScorer.BLOCK * rank];
                    float[] out = new float[FactorScorer.BLOCK * movies];
                    Random r = new Random(first);
                    for (int i = 0; i < block.length; i++) {
                        block[i] = (float) r.nextGaussian();
                    }
                    for (long b = first; b < blocks; b += threads) {
                        int count = (int) Math.min(FactorScorer.BLOCK, users - b * FactorScorer.BLOCK);
                        FactorScorer.gemm(items, movies, rank, block, count, out);
                    }
                });
            }
            for (Future<?> f : done) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } catch (Exception e) {
            throw new IllegalStateException("the GEMM baseline failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
