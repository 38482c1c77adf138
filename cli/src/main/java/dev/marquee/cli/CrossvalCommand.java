package dev.marquee.cli;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.BatchConfig;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.eval.BiasedAls;
import dev.marquee.batch.eval.CrossValidation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee crossval}: 5-fold cross-validation of the rating predictor on MovieLens-100k's splits. */
@Command(name = "crossval", mixinStandardHelpOptions = true,
    description = "Cross-validate bias-corrected ALS on u1..u5 .base/.test; prints RMSE and MAE per fold, then "
        + "mean_rmse=<x> mean_mae=<y>.")
final class CrossvalCommand implements Callable<Integer> {
    private static final BiasedAls DEFAULTS = BiasedAls.defaults();

    @Option(names = "--movielens-100k", required = true, paramLabel = "DIR",
        description = "folder holding u1.base, u1.test .. u5.base, u5.test (tab-separated user item rating time)")
    Path dir;

    @Option(names = "--rank", description = "ALS factors (default ${DEFAULT-VALUE})")
    int rank = DEFAULTS.rank();

    @Option(names = "--reg", description = "ALS regParam (default ${DEFAULT-VALUE})")
    double reg = DEFAULTS.regParam();

    @Option(names = "--iters", description = "ALS iterations (default ${DEFAULT-VALUE})")
    int iters = DEFAULTS.maxIter();

    @Option(names = "--bias-reg", description = "shrinkage of user and item biases (default ${DEFAULT-VALUE})")
    double biasReg = DEFAULTS.biasReg();

    @Option(names = "--seed", description = "ALS seed (default ${DEFAULT-VALUE})")
    long seed = DEFAULTS.seed();

    @Option(names = "--min-rating", description = "lowest rating of the scale (default ${DEFAULT-VALUE})")
    double minRating = DEFAULTS.minRating();

    @Option(names = "--max-rating", description = "highest rating of the scale (default ${DEFAULT-VALUE})")
    double maxRating = DEFAULTS.maxRating();

    @Option(names = "--set", description = "override a config key, e.g. marquee.batch.spark.master=local[4]")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        ConfigOverrides.apply(settings);
        BiasedAls params = new BiasedAls(rank, reg, iters, biasReg, seed, minRating, maxRating);
        SparkSession spark = SparkSessions.create(BatchConfig.load(ConfigFactory.load()));
        try {
            CrossValidation.run(spark, dir, params, System.out);
            return 0;
        } finally {
            spark.stop();
        }
    }
}
