package dev.marquee.batch.eval;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * K-fold cross-validation of {@link BiasedAls} on MovieLens-100k's published splits: {@code u1.base}
 * / {@code u1.test} .. {@code u5.base} / {@code u5.test}, tab-separated {@code user item rating
 * timestamp}. Every test rating is scored (unseen users or items fall back to the biases).
 */
public final class CrossValidation {
    private static final String SCHEMA = "u INT, i INT, rating DOUBLE, ts LONG";

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

    /** Runs every fold {@code u1..u5} present in {@code dir}; prints one line per fold, then the summary. */
    public static Result run(SparkSession spark, Path dir, BiasedAls params, PrintStream out) {
        List<FoldResult> folds = new ArrayList<>();
        for (int f = 1; f <= 5; f++) {
            Path base = dir.resolve("u" + f + ".base");
            Path test = dir.resolve("u" + f + ".test");
            if (!Files.isRegularFile(base) || !Files.isRegularFile(test)) {
                continue;
            }
            RatingMetrics m = fold(spark, base, test, params);
            folds.add(new FoldResult(f, m));
            out.printf(Locale.ROOT, "fold %d: rmse=%.4f mae=%.4f ratings=%d%n", f, m.rmse(), m.mae(), m.count());
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

    /** Trains on one base file and scores its test file. */
    public static RatingMetrics fold(SparkSession spark, Path base, Path test, BiasedAls params) {
        BiasedAls.Model model = params.fit(read(spark, base));
        RatingMetrics m = Metrics.rating(model.predict(read(spark, test)));
        model.userBias().unpersist();
        model.itemBias().unpersist();
        return m;
    }

    /** Reads a MovieLens-100k ratings file: {@code u, i, rating, ts}. */
    public static Dataset<Row> read(SparkSession spark, Path file) {
        return spark.read().option("sep", "\t").schema(SCHEMA).csv(file.toString());
    }
}
