package dev.marquee.batch.eval.crossval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.testkit.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 5-fold cross-validation on a synthetic folder in MovieLens-100k's format. The session is built
 * by the test kit without a checkpoint directory:
 * cross-validation must give itself one, or 40 ALS iterations overflow the stack.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossValidationIT {
    private static final int USERS = 300;
    private static final int ITEMS = 200;
    private static final int RATINGS = 12_000;
    private static SparkSession spark;

    @RegisterExtension
    static final SparkExtension SPARK = SparkExtension.withoutCheckpointDir();

    @BeforeAll
    static void start() {
        spark = SPARK.session();
    }

    @Test
    @Order(1)
    void fortyIterationsOnASessionWithoutACheckpointDirectoryDoNotOverflow(@TempDir Path dir) throws IOException {
        assertTrue(spark.sparkContext().getCheckpointDir().isEmpty(), "the session must start without one");
        double baseline = writeFolds(dir, new Random(11), 1);

        CrossValidation.Result result = CrossValidation.run(spark, dir, new BiasedAls(5, 0.05, 40, 5.0, 42L, 1, 5),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertTrue(spark.sparkContext().getCheckpointDir().isDefined());
        assertEquals(1, result.folds().size());
        assertTrue(result.meanRmse() < 0.7 * baseline, "rmse " + result.meanRmse() + " vs global mean " + baseline);
    }

    @Test
    @Order(2)
    void biasedAlsBeatsTheGlobalMeanOnEveryFold(@TempDir Path dir) throws IOException {
        double baseline = writeFolds(dir, new Random(11), 5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        CrossValidation.Result result = CrossValidation.run(spark, dir, new BiasedAls(5, 0.1, 6, 5.0, 42L, 1, 5), out);

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(5).matches("mean_rmse=\\d+\\.\\d{4} mean_mae=\\d+\\.\\d{4}"), lines.get(5));
        assertEquals(result.summaryLine(), lines.get(5));
        assertEquals(5, result.folds().size());
        for (FoldResult f : result.folds()) {
            assertEquals(0, f.metrics().skippedNaN());
            assertEquals(RATINGS / 5, f.metrics().count(), "every test rating is scored, unseen users too");
            assertTrue(f.grid().isEmpty(), "one point: nothing to validate");
        }
        assertTrue(result.meanRmse() < 0.75 * baseline, "rmse " + result.meanRmse() + " vs global mean " + baseline);
        assertTrue(result.meanMae() < result.meanRmse());
    }

    @Test
    @Order(3)
    void theGridChoosesOnTheValidationSplitAndRejectsAnOverRegularisedPoint(@TempDir Path dir) throws IOException {
        double baseline = writeFolds(dir, new Random(11), 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Grid grid = new Grid(new BiasedAls(5, 0.05, 8, 5.0, 42L, 1, 5), List.of(5), List.of(20.0, 0.05), 0.2);

        CrossValidation.Result result = CrossValidation.run(spark, dir, grid, out);

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("fold 1 grid rank=5 reg=20.0: validation_rmse="), lines.get(0));
        assertTrue(lines.get(1).startsWith("fold 1 grid rank=5 reg=0.05: validation_rmse="), lines.get(1));
        assertEquals(result.summaryLine(), lines.get(3));
        FoldResult fold = result.folds().get(0);
        assertEquals(2, fold.grid().size());
        long validation = fold.grid().get(0).validation().count();
        assertTrue(validation > 0.15 * RATINGS * 4 / 5 && validation < 0.25 * RATINGS * 4 / 5, "validation " + validation);
        GridScore best = fold.grid().stream().min(Comparator.comparingDouble(s -> s.validation().rmse())).orElseThrow();
        assertEquals(best.params(), fold.chosen());
        assertEquals(0.05, fold.chosen().regParam(), "factors shrunk to nothing cannot win on a planted rank-3 signal");
        assertTrue(result.meanRmse() < 0.7 * baseline, "rmse " + result.meanRmse() + " vs global mean " + baseline);
    }

    /**
     * Writes u1..u{@code folds} base/test of a noisy rank-3 matrix plus biases (fold f tests every
     * fifth rating); returns the mean RMSE of predicting the base's mean.
     */
    private static double writeFolds(Path dir, Random rnd, int folds) throws IOException {
        double[][] u = matrix(rnd, USERS + 1);
        double[][] v = matrix(rnd, ITEMS);
        List<long[]> cells = new ArrayList<>();
        for (int user = 1; user <= USERS; user++) {
            for (int item = 1; item <= ITEMS; item++) {
                cells.add(new long[] {user, item});
            }
        }
        Collections.shuffle(cells, rnd);
        List<String> lines = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (int n = 0; n < RATINGS; n++) {
            int user = (int) cells.get(n)[0];
            int item = (int) cells.get(n)[1];
            double s = 3.3 + 0.3 * u[user][3] + 0.4 * v[item - 1][3];
            for (int k = 0; k < 3; k++) {
                s += u[user][k] * v[item - 1][k];
            }
            int rating = (int) Math.max(1, Math.min(5, Math.round(s + rnd.nextGaussian() * 0.4)));
            values.add(rating);
            lines.add(user + "\t" + item + "\t" + rating + "\t" + (880_000_000L + n));
        }
        double baseline = 0;
        for (int f = 0; f < folds; f++) {
            List<String> base = new ArrayList<>();
            List<String> test = new ArrayList<>();
            double sum = 0;
            for (int n = 0; n < RATINGS; n++) {
                if (n % 5 == f) {
                    test.add(lines.get(n));
                } else {
                    base.add(lines.get(n));
                    sum += values.get(n);
                }
            }
            double mean = sum / base.size();
            double se = 0;
            for (int n = f; n < RATINGS; n += 5) {
                se += (values.get(n) - mean) * (values.get(n) - mean);
            }
            baseline += Math.sqrt(se / test.size()) / folds;
            Files.write(dir.resolve("u" + (f + 1) + ".base"), base);
            Files.write(dir.resolve("u" + (f + 1) + ".test"), test);
        }
        return baseline;
    }

    private static double[][] matrix(Random rnd, int n) {
        double[][] m = new double[n][4];
        for (double[] row : m) {
            for (int k = 0; k < 4; k++) {
                row[k] = rnd.nextGaussian() * 0.7;
            }
        }
        return m;
    }
}
