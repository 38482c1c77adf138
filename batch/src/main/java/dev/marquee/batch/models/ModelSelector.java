package dev.marquee.batch.models;

import static org.apache.spark.sql.functions.col;

import dev.marquee.batch.AlsParams;
import dev.marquee.batch.BatchConfig;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.eval.EvaluationReport;
import dev.marquee.batch.eval.Holdout;
import dev.marquee.batch.eval.Metrics;
import dev.marquee.batch.eval.ModelEvaluation;
import dev.marquee.batch.eval.PopularityBaseline;
import dev.marquee.batch.eval.Protocol;
import dev.marquee.batch.eval.RankingMetrics;
import dev.marquee.batch.eval.RatingMetrics;
import dev.marquee.batch.eval.Split;
import dev.marquee.batch.recommend.ColdStart;
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
 * picks the one to publish: the best NDCG@K among the popularity baseline, the best explicit ALS
 * of its grid, the best implicit ALS of its grid, and the neural ranker re-ranking the better
 * ALS variant's candidates. Lists are made for the test users only.
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
            TrainedRanker ranker) {}

    /** Evaluates every candidate on a holdout of {@code interactions}. */
    public Selection select(Dataset<Row> interactions) {
        int k = config.topN();
        Split split = Holdout.latestPerUser(interactions, config.models().testPerUser(), config.models().minHistory());
        Dataset<Row> relevant = split.test().select("user", "movie").cache();
        long testUserCount = relevant.select("user").distinct().count();
        if (testUserCount == 0) {
            throw new IllegalStateException("no user has " + config.models().minHistory()
                    + " interactions: the holdout is empty (marquee.batch.eval.min-history)");
        }
        TrainingData train = TrainingData.from(spark, split.train());
        // Only the test users' lists are scored: make no others.
        Dataset<Row> testUsers = train.userIndex().join(relevant.select("user").distinct(), "user").cache();
        long catalogue = train.movies().length;
        List<String> coldStart = ColdStart.compute(train.ratings(), config.coldStartVotesQuantile(), k).movies();
        EvaluationReport report = new EvaluationReport(new Protocol("latest-per-user", config.models().testPerUser(),
                config.models().minHistory(), k, testUserCount), new java.util.LinkedHashMap<>());
        List<Candidate> candidates = new ArrayList<>();

        List<String> competing = config.models().models();
        if (competing.contains("popularity")) {
            RankingMetrics popular = Metrics.ranking(PopularityBaseline.recommend(split.train(), k), relevant, coldStart, k,
                    catalogue);
            candidates.add(log(new Candidate("popularity", null, null, new ModelEvaluation(popular, null))));
        }

        Dataset<Row> testRatings = train.index(split.test().filter(col("rating").isNotNull()))
                .select(col("u"), col("i"), col("rating").cast("float").as("rating"));
        Candidate explicit = null;
        ALSModel explicitModel = null;
        for (int rank : competing.contains("als-explicit") ? config.models().ranks() : List.<Integer>of()) {
            for (double reg : config.models().regParams()) {
                AlsParams p = config.als().with(rank, reg, config.als().alpha());
                ALSModel model = fit(Variant.EXPLICIT, p, train);
                Candidate c = evaluate("als-explicit", Variant.EXPLICIT, p, model, train, testUsers, relevant, coldStart,
                        testRatings, catalogue);
                if (explicit == null || better(c, explicit)) {
                    explicit = c;
                    explicitModel = model;
                }
            }
        }
        double reg = explicit == null ? config.als().regParam() : explicit.params().regParam();
        if (explicit != null) {
            candidates.add(explicit);
        }
        Candidate implicit = null;
        ALSModel implicitModel = null;
        for (int rank : competing.contains("als-implicit") ? config.models().ranks() : List.<Integer>of()) {
            for (double alpha : config.models().alphas()) {
                AlsParams p = config.als().with(rank, reg, alpha);
                ALSModel model = fit(Variant.IMPLICIT, p, train);
                Candidate c = evaluate("als-implicit", Variant.IMPLICIT, p, model, train, testUsers, relevant, coldStart,
                        null, catalogue);
                if (implicit == null || better(c, implicit)) {
                    implicit = c;
                    implicitModel = model;
                }
            }
        }
        if (implicit != null) {
            candidates.add(implicit);
        }
        TrainedRanker ranker = null;
        boolean implicitBetter = implicit != null && (explicit == null || better(implicit, explicit));
        Candidate base = implicitBetter ? implicit : explicit;
        ALSModel baseModel = implicitBetter ? implicitModel : explicitModel;
        if (competing.contains("neural") && base != null) {
            RankerParams rp = RankerParams.defaults();
            ranker = NeuralStage.train(spark, train, base.variant(), base.params(), rp,
                    SparkSessions.parallelism(config, spark));
            Dataset<Row> lists = ranker.rerank(spark, NeuralStage.candidates(spark, baseModel,
                    itemFactors.apply(ItemFactors.of(baseModel)), train, testUsers, rp), k);
            RankingMetrics neural = Metrics.ranking(lists, relevant, coldStart, k, catalogue);
            candidates.add(log(new Candidate("neural", base.variant(), base.params(), new ModelEvaluation(neural, null))));
        }
        testUsers.unpersist();
        train.release();
        relevant.unpersist();

        Candidate best = candidates.stream().reduce((a, b) -> better(b, a) ? b : a).orElseThrow();
        for (Candidate c : candidates) {
            report = report.with(c.name(), c.evaluation());
        }
        report = report.with("published", best.evaluation());
        LOG.info("models: publishing {} (NDCG@{} {}), over {}", best.name(), k, String.format("%.4f", best.ndcg()),
                candidates.stream().filter(c -> c != best).map(c -> c.name() + " " + String.format("%.4f", c.ndcg())).toList());
        return new Selection(report, best, candidates, ranker);
    }

    private ALSModel fit(Variant variant, AlsParams p, TrainingData train) {
        return AlsTrainer.fit(variant == Variant.EXPLICIT ? train.indexedRatings() : train.indexedWatches(), variant, p,
                SparkSessions.parallelism(config, spark));
    }

    private Candidate evaluate(String name, Variant variant, AlsParams p, ALSModel model, TrainingData train,
            Dataset<Row> testUsers, Dataset<Row> relevant, List<String> coldStart, Dataset<Row> testRatings,
            long catalogue) {
        Dataset<Row> lists = TopNRecommender.recommend(spark, model, itemFactors.apply(ItemFactors.of(model)), train,
                testUsers, config.topN());
        RankingMetrics ranking = Metrics.ranking(lists, relevant, coldStart, config.topN(), catalogue);
        RatingMetrics rating = testRatings == null ? null : Metrics.rating(model.transform(testRatings));
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
