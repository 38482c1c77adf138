package dev.marquee.cli;

import dev.marquee.apps.nightly.ConfigOverrides;
import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.eval.crossval.BiasedAls;
import dev.marquee.batch.eval.crossval.CrossValidation;
import dev.marquee.batch.eval.crossval.Grid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marquee crossval}: 5-fold cross-validation of the rating predictor on MovieLens-100k's
 * splits, each fold choosing rank and regParam from a grid on a validation split of its base file.
 */
@Command(name = "crossval", mixinStandardHelpOptions = true,
    description = "Cross-validate bias-corrected ALS on u1..u5 .base/.test. Each fold picks rank and regParam from "
        + "the grid on a validation split of its base file, refits on the whole base file and scores its test "
        + "file; prints each grid point's validation RMSE, RMSE and MAE per fold, then mean_rmse=<x> mean_mae=<y>.")
final class CrossvalCommand implements Callable<Integer> {
    private static final Grid DEFAULTS = Grid.defaults();

    @Option(names = "--movielens-100k", required = true, paramLabel = "DIR",
        description = "folder holding u1.base, u1.test .. u5.base, u5.test (tab-separated user item rating time)")
    Path dir;

    @Option(names = "--rank", split = ",", paramLabel = "N[,N...]",
        description = "ALS factors to try (default: 50)")
    List<Integer> ranks;

    @Option(names = "--reg", split = ",", paramLabel = "X[,X...]",
        description = "ALS regParams to try (default: 0.1,0.125,0.15,0.2)")
    List<Double> regs;

    @Option(names = "--validation-share",
        description = "share of each base file held out to choose from the grid (default ${DEFAULT-VALUE})")
    double validationShare = DEFAULTS.validationShare();

    @Option(names = "--iters", description = "ALS iterations (default ${DEFAULT-VALUE})")
    int iters = DEFAULTS.base().maxIter();

    @Option(names = "--bias-reg", description = "shrinkage of user and item biases (default ${DEFAULT-VALUE})")
    double biasReg = DEFAULTS.base().biasReg();

    @Option(names = "--seed", description = "ALS and validation-split seed (default ${DEFAULT-VALUE})")
    long seed = DEFAULTS.base().seed();

    @Option(names = "--min-rating", description = "lowest rating of the scale (default ${DEFAULT-VALUE})")
    double minRating = DEFAULTS.base().minRating();

    @Option(names = "--max-rating", description = "highest rating of the scale (default ${DEFAULT-VALUE})")
    double maxRating = DEFAULTS.base().maxRating();

    @Option(names = "--set", description = "override a config key, e.g. marquee.batch.spark.master=local[4]")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        ConfigOverrides.apply(settings);
        Grid grid = grid();
        SparkSession spark = SparkSessions.create(BatchConfig.load(ConfigFactory.load()));
        try {
            CrossValidation.run(spark, dir, grid, System.out);
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** The grid the options describe; the defaults where none are given. */
    Grid grid() {
        List<Integer> r = ranks == null || ranks.isEmpty() ? DEFAULTS.ranks() : ranks;
        List<Double> g = regs == null || regs.isEmpty() ? DEFAULTS.regParams() : regs;
        BiasedAls base = new BiasedAls(r.get(0), g.get(0), iters, biasReg, seed, minRating, maxRating);
        return new Grid(base, r, g, validationShare);
    }
}
