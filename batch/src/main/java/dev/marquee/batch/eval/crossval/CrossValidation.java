package dev.marquee.batch.eval.crossval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.eval.metrics.Metrics;
import dev.marquee.batch.eval.metrics.RatingMetrics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * K-fold cross-validation of {@link BiasedAls} on MovieLens-100k's published splits: {@code u1.base}
 * / {@code u1.test} .. {@code u5.base} / {@code u5.test}, tab-separated {@code user item rating
 * timestamp}. Each fold chooses its settings from a {@link Grid} on an inner validation split of its
 * base file, refits them on the whole base file and scores its test file. Every test rating is
 * scored (unseen users or items fall back to the biases).
 */
public final class CrossValidation {
    private static final Logger LOG = LoggerFactory.getLogger(CrossValidation.class);
    private static final String SCHEMA = "u INT, i INT, rating DOUBLE, ts LONG";
    private static final int BUCKETS = 1000;

    private CrossValidation() {}

    /**
     * The folds' figures and their means.
     *
     * @param folds one per fold, in order
     * @param meanRmse mean of the folds' RMSE
     * @param meanMae mean of the folds' MAE
     */
    public record Result(List<FoldResult> folds, double meanRmse, double meanMae) {
        /** {@code mean_rmse=<x> mean_mae=<y>}, four decimals. */
        public String summaryLine() {
            return String.format(Locale.ROOT, "mean_rmse=%.4f mean_mae=%.4f", meanRmse, meanMae);
        }
    }

    /** Runs every fold with fixed settings (no validation split); see {@link #run(SparkSession, Path, Grid, PrintStream)}. */
    public static Result run(SparkSession spark, Path dir, BiasedAls params, PrintStream out) {
        return run(spark, dir, Grid.single(params), out);
    }

    /**
     * Runs every fold {@code u1..u5} present in {@code dir}; prints each grid point's validation
     * error, one line per fold, then (last) the summary line.
     */
    public static Result run(SparkSession spark, Path dir, Grid grid, PrintStream out) {
        SparkSessions.ensureCheckpointDir(spark);
        List<FoldResult> folds = new ArrayList<>();
        for (int f = 1; f <= 5; f++) {
            Path base = dir.resolve("u" + f + ".base");
            Path test = dir.resolve("u" + f + ".test");
            if (!Files.isRegularFile(base) || !Files.isRegularFile(test)) {
                continue;
            }
            long start = System.nanoTime();
            FoldResult r = fold(spark, f, base, test, grid, out);
            folds.add(r);
            RatingMetrics m = r.metrics();
            out.printf(Locale.ROOT, "fold %d: rmse=%.4f mae=%.4f ratings=%d %s (%.1f s)%n", f, m.rmse(), m.mae(),
                    m.count(), r.chosen().label(), (System.nanoTime() - start) / 1e9);
        }
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("no u1.base/u1.test .. u5.base/u5.test in " + dir);
        }
        double rmse = folds.stream().mapToDouble(x -> x.metrics().rmse()).average().orElseThrow();
        double mae = folds.stream().mapToDouble(x -> x.metrics().mae()).average().orElseThrow();
        Result result = new Result(List.copyOf(folds), rmse, mae);
        out.println(result.summaryLine());
        return result;
    }

    /** Chooses settings on {@code base}'s validation split, refits them on all of {@code base}, scores {@code test}. */
    public static FoldResult fold(SparkSession spark, int fold, Path base, Path test, Grid grid, PrintStream out) {
        Dataset<Row> train = read(spark, base).cache();
        List<GridScore> scores = grid.points().size() > 1 ? tune(fold, train, grid, out) : List.of();
        BiasedAls chosen = scores.isEmpty() ? grid.points().get(0)
                : scores.stream().min(Comparator.comparingDouble(s -> s.validation().rmse())).orElseThrow().params();
        RatingMetrics m = score(chosen, train, read(spark, test));
        train.unpersist();
        return new FoldResult(fold, m, chosen, scores);
    }

    /**
     * Every grid point fitted on most of {@code base} and scored on the rest (a seeded hash of user
     * and item). Points are fitted concurrently, as many at a time as Spark has cores: one small ALS
     * job leaves cores idle between its stages. Lines are printed in grid order.
     */
    static List<GridScore> tune(int fold, Dataset<Row> base, Grid grid, PrintStream out) {
        Column held = pmod(xxhash64(col("u"), col("i"), lit(grid.base().seed())), lit(BUCKETS))
                .lt(lit(Math.round(grid.validationShare() * BUCKETS)));
        Dataset<Row> train = base.where(not(held)).cache();
        Dataset<Row> validation = base.where(held).cache();
        BiasedAls.Biases biases = grid.base().biases(train);
        int threads = Math.max(1, Math.min(grid.points().size(), base.sparkSession().sparkContext().defaultParallelism()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<GridScore>> running = new ArrayList<>();
            for (BiasedAls point : grid.points()) {
                running.add(pool.submit(() -> new GridScore(point,
                        Metrics.rating(point.fit(train, biases).predict(validation)))));
            }
            List<GridScore> scores = new ArrayList<>();
            long start = System.nanoTime();
            for (Future<GridScore> f : running) {
                GridScore s = await(f);
                scores.add(s);
                out.printf(Locale.ROOT, "fold %d grid %s: validation_rmse=%.4f validation_mae=%.4f (%.1f s)%n", fold,
                        s.params().label(), s.validation().rmse(), s.validation().mae(),
                        (System.nanoTime() - start) / 1e9);
            }
            LOG.info("fold {}: {} grid points scored on {} validation ratings", fold, scores.size(),
                    scores.get(0).validation().count());
            return List.copyOf(scores);
        } finally {
            pool.shutdownNow();
            biases.unpersist();
            train.unpersist();
            validation.unpersist();
        }
    }

    private static GridScore await(Future<GridScore> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting the grid", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Trains {@code params} on {@code train} and scores {@code test}. */
    public static RatingMetrics score(BiasedAls params, Dataset<Row> train, Dataset<Row> test) {
        BiasedAls.Model model = params.fit(train);
        RatingMetrics m = Metrics.rating(model.predict(test));
        model.biases().unpersist();
        return m;
    }

    /** Reads a MovieLens-100k ratings file: {@code u, i, rating, ts}. */
    public static Dataset<Row> read(SparkSession spark, Path file) {
        return spark.read().option("sep", "\t").schema(SCHEMA).csv(file.toString());
    }
}
