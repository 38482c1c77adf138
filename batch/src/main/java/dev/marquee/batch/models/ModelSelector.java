package dev.marquee.batch.models;

import dev.marquee.batch.AlsParams;
import dev.marquee.batch.BatchConfig;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.eval.EvaluationReport;
import dev.marquee.batch.eval.Metrics;
import dev.marquee.batch.eval.ModelEvaluation;
import dev.marquee.batch.eval.PopularityBaseline;
import dev.marquee.batch.eval.Protocol;
import dev.marquee.batch.eval.RankingMetrics;
import dev.marquee.batch.eval.RatingMetrics;
import dev.marquee.batch.recommend.ItemFactors;
import dev.marquee.batch.rank.RankerParams;
import dev.marquee.batch.rank.TrainedRanker;
import dev.marquee.batch.recommend.TopNRecommender;
import dev.marquee.batch.train.AlsTrainer;
import dev.marquee.batch.train.AlsTrainer.Variant;
import dev.marquee.batch.train.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains every candidate on the holdout's training part, scores its lists on the test part, and
 * picks the one to publish: the best NDCG@K among the popularity baseline, explicit ALS, implicit
 * ALS, and the neural ranker re-ranking the better ALS variant's candidates. Each ALS variant's
 * hyperparameters are first chosen on a validation holdout cut the same way from the training
 * part (later in time than what they are fitted on), then refitted on the whole training part.
 * Lists are made for the evaluated users only.
 */
public final class ModelSelector {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSelector.class);
    private final SparkSession spark;
    private final BatchConfig config;
    private final UnaryOperator<ItemFactors> itemFactors;

    /**
     * @param itemFactors applied to every ALS model's item factors before its lists are made
     *     (identity in production; tests break models with it)
     */
    public ModelSelector(SparkSession spark, BatchConfig config, UnaryOperator<ItemFactors> itemFactors) {
        this.spark = spark;
        this.config = config;
        this.itemFactors = itemFactors;
    }

    /** What the holdout decided: the report of every model and the winner. */
    public record Selection(EvaluationReport report, Candidate published, List<Candidate> candidates,
            TrainedRanker ranker, List<TuningPoint> tuning) {}

    /** Evaluates every candidate on a holdout of {@code interactions}. */
    public Selection select(Dataset<Row> interactions) {
        int k = config.topN();
        try (EvalSet test = EvalSet.of(spark, interactions, config)) {
            if (test.userCount() == 0) {
                throw new IllegalStateException("no user has " + config.models().minHistory()
                        + " interactions: the holdout is empty (marquee.batch.eval.min-history)");
            }
            return select(test, k);
        }
    }

    private Selection select(EvalSet test, int k) {
        List<String> competing = config.models().models();
        Tuner tuner = new Tuner(test.split().train());
        try {
            EvaluationReport report = new EvaluationReport(new Protocol("latest-per-user", config.models().testPerUser(),
                    config.models().minHistory(), k, test.userCount()), new java.util.LinkedHashMap<>());
            List<Candidate> candidates = new ArrayList<>();
            if (competing.contains("popularity")) {
                RankingMetrics popular = Metrics.ranking(PopularityBaseline.recommend(test.split().train(), k),
                        test.relevant(), test.coldStart(), k, test.catalogue());
                candidates.add(log(new Candidate("popularity", null, null, new ModelEvaluation(popular, null))));
            }
            Candidate explicit = null;
            ALSModel explicitModel = null;
            if (competing.contains("als-explicit")) {
                AlsParams p = tuner.tune(Variant.EXPLICIT, grid(Variant.EXPLICIT, config.als().regParam()));
                explicitModel = fit(Variant.EXPLICIT, p, test.train());
                explicit = evaluate("als-explicit", Variant.EXPLICIT, p, explicitModel, test);
                candidates.add(explicit);
            }
            double reg = explicit == null ? config.als().regParam() : explicit.params().regParam();
            Candidate implicit = null;
            ALSModel implicitModel = null;
            if (competing.contains("als-implicit")) {
                AlsParams p = tuner.tune(Variant.IMPLICIT, grid(Variant.IMPLICIT, reg));
                implicitModel = fit(Variant.IMPLICIT, p, test.train());
                implicit = evaluate("als-implicit", Variant.IMPLICIT, p, implicitModel, test);
                candidates.add(implicit);
            }
            TrainedRanker ranker = null;
            boolean implicitBetter = implicit != null && (explicit == null || better(implicit, explicit));
            Candidate base = implicitBetter ? implicit : explicit;
            ALSModel baseModel = implicitBetter ? implicitModel : explicitModel;
            if (competing.contains("neural") && base != null) {
                RankerParams rp = RankerParams.defaults();
                ranker = NeuralStage.train(spark, test.train(), base.variant(), base.params(), rp,
                        SparkSessions.parallelism(config, spark));
                Dataset<Row> lists = ranker.rerank(spark, NeuralStage.candidates(spark, baseModel,
                        itemFactors.apply(ItemFactors.of(baseModel)), test.train(), test.users(), rp), k);
                RankingMetrics neural = Metrics.ranking(lists, test.relevant(), test.coldStart(), k, test.catalogue());
                candidates.add(log(new Candidate("neural", base.variant(), base.params(), new ModelEvaluation(neural, null))));
            }

            Candidate best = candidates.stream().reduce((a, b) -> better(b, a) ? b : a).orElseThrow();
            for (Candidate c : candidates) {
                report = report.with(c.name(), c.evaluation());
            }
            report = report.with("published", best.evaluation());
            LOG.info("models: publishing {} (NDCG@{} {}), over {}", best.name(), k, String.format("%.4f", best.ndcg()),
                    candidates.stream().filter(c -> c != best).map(c -> c.name() + " " + String.format("%.4f", c.ndcg()))
                            .toList());
            return new Selection(report, best, candidates, ranker, List.copyOf(tuner.points));
        } finally {
            tuner.close();
        }
    }

    /** The hyperparameter grid of {@code variant}: rank x regParam (explicit) or rank x alpha at {@code reg} (implicit). */
    private List<AlsParams> grid(Variant variant, double reg) {
        List<AlsParams> grid = new ArrayList<>();
        for (int rank : config.models().ranks()) {
            if (variant == Variant.EXPLICIT) {
                config.models().regParams().forEach(r -> grid.add(config.als().with(rank, r, config.als().alpha())));
            } else {
                config.models().alphas().forEach(a -> grid.add(config.als().with(rank, reg, a)));
            }
        }
        return grid;
    }

    /** Chooses hyperparameters on the validation set cut from the test set's training part. */
    private final class Tuner implements AutoCloseable {
        private final Dataset<Row> trainPart;
        private final List<TuningPoint> points = new ArrayList<>();
        private EvalSet validation;
        private boolean empty;

        Tuner(Dataset<Row> trainPart) {
            this.trainPart = trainPart;
        }

        AlsParams tune(Variant variant, List<AlsParams> grid) {
            if (grid.size() == 1) {
                return grid.get(0);
            }
            if (validation == null && !empty) {
                validation = EvalSet.of(spark, trainPart, config);
                empty = validation.userCount() == 0;
                LOG.info("tuning on a validation holdout of the training part: {} users", validation.userCount());
            }
            if (empty) {
                LOG.warn("no user has enough history for a validation holdout: {} ALS keeps its first grid point", variant);
                return grid.get(0);
            }
            AlsParams best = null;
            double bestNdcg = Double.NaN;
            List<TuningPoint> tried = new ArrayList<>();
            for (AlsParams p : grid) {
                ALSModel model = fit(variant, p, validation.train());
                Dataset<Row> lists = TopNRecommender.recommend(spark, model, itemFactors.apply(ItemFactors.of(model)),
                        validation.train(), validation.users(), config.topN());
                double ndcg = Metrics.ranking(lists, validation.relevant(), validation.coldStart(), config.topN(),
                        validation.catalogue()).ndcg();
                LOG.info("tuning {} rank {} reg {} alpha {}: validation NDCG@{} {}", variant, p.rank(), p.regParam(),
                        p.alpha(), config.topN(), f(ndcg));
                tried.add(new TuningPoint(variant, p, ndcg, false));
                if (best == null || !Double.isNaN(ndcg) && (Double.isNaN(bestNdcg) || ndcg > bestNdcg)) {
                    best = p;
                    bestNdcg = ndcg;
                }
            }
            LOG.info("tuned {}: rank {} reg {} alpha {}", variant, best.rank(), best.regParam(), best.alpha());
            for (TuningPoint t : tried) {
                points.add(t.params() == best ? new TuningPoint(variant, best, t.ndcg(), true) : t);
            }
            return best;
        }

        @Override
        public void close() {
            if (validation != null) {
                validation.close();
            }
        }
    }

    private ALSModel fit(Variant variant, AlsParams p, TrainingData train) {
        return AlsTrainer.fit(variant == Variant.EXPLICIT ? train.indexedRatings() : train.indexedWatches(), variant, p,
                SparkSessions.parallelism(config, spark));
    }

    private Candidate evaluate(String name, Variant variant, AlsParams p, ALSModel model, EvalSet test) {
        Dataset<Row> lists = TopNRecommender.recommend(spark, model, itemFactors.apply(ItemFactors.of(model)), test.train(),
                test.users(), config.topN());
        RankingMetrics ranking = Metrics.ranking(lists, test.relevant(), test.coldStart(), config.topN(), test.catalogue());
        RatingMetrics rating = variant == Variant.EXPLICIT ? Metrics.rating(model.transform(test.ratings())) : null;
        return log(new Candidate(name, variant, p, new ModelEvaluation(ranking, rating)));
    }

    /** Whether {@code a} beats {@code b} on NDCG; a NaN figure never beats anything. */
    private static boolean better(Candidate a, Candidate b) {
        return !Double.isNaN(a.ndcg()) && (Double.isNaN(b.ndcg()) || a.ndcg() > b.ndcg());
    }

    private static Candidate log(Candidate c) {
        RankingMetrics r = c.evaluation().ranking();
        LOG.info("model {} {}: NDCG@{} {} P {} R {} MAP {} coverage {} cold-start share {}{}", c.name(),
                c.params() == null ? "" : "rank " + c.params().rank() + " reg " + c.params().regParam()
                        + (c.variant() == Variant.IMPLICIT ? " alpha " + c.params().alpha() : ""),
                r.k(), f(r.ndcg()), f(r.precision()), f(r.recall()), f(r.map()), f(r.coverage()), f(r.coldStartShare()),
                c.evaluation().rating() == null ? "" : ", RMSE " + f(c.evaluation().rating().rmse()) + " MAE "
                        + f(c.evaluation().rating().mae()));
        return c;
    }

    private static String f(double x) {
        return String.format("%.4f", x);
    }
}
