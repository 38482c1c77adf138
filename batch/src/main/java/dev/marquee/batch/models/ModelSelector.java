package dev.marquee.batch.models;

import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.candidates.ColdStartLists;
import dev.marquee.batch.candidates.DecayedPopularity;
import dev.marquee.batch.candidates.Registry;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.config.ModelSettings;
import dev.marquee.batch.eval.holdout.Protocol;
import dev.marquee.batch.eval.holdout.TimeCut;
import dev.marquee.batch.eval.metrics.Metrics;
import dev.marquee.batch.eval.metrics.ModelEvaluation;
import dev.marquee.batch.eval.metrics.RankingMetrics;
import dev.marquee.batch.eval.report.EvaluationReport;
import dev.marquee.batch.progress.Steps;
import dev.marquee.batch.recommend.ItemFactors;
import dev.marquee.batch.recommend.TopNRecommender;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the model to publish the way the nightly deployment lives (ADR 9): a global time cut, the
 * test window the lake's latest days, the validation window the same length just before it. Each
 * configured plug-in is tuned on the validation window (a user sample), fitted with its best setting
 * on everything before the test window, and judged on the test window's returning users, the same
 * users for every model; second stages (the neural ranker) learn on the validation window from the
 * first stages fitted before it. The cold-start formulas compete on the window's new users. A night
 * searches only the grids its {@link Retuning} names; the other tuned models carry their last setting.
 */
public final class ModelSelector {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSelector.class);
    private final SparkSession spark;
    private final BatchConfig config;
    private final List<Recommender> firstStage;
    private final List<SecondStage> secondStage = new ArrayList<>();
    private Steps steps = Steps.NONE;
    private Retuning retuning = Retuning.everyGrid();
    private int fitsDone;
    private int fits;

    /**
     * @param itemFactors applied to every factor model's item factors before its lists are made
     *     (identity in production; tests break models with it)
     */
    public ModelSelector(SparkSession spark, BatchConfig config, UnaryOperator<ItemFactors> itemFactors) {
        this.spark = spark;
        this.config = config;
        this.firstStage = Registry.firstStage(config, itemFactors);
    }

    /** Adds a second stage that re-ranks the first stages' proposals. */
    public ModelSelector withSecondStage(SecondStage stage) {
        secondStage.add(stage);
        return this;
    }

    /** Where the selection names each fit ("tuning ease {lambda=300.0}", 2 of 6 fits done) for the progress lines. */
    public ModelSelector steps(Steps steps) {
        this.steps = java.util.Objects.requireNonNull(steps, "steps");
        return this;
    }

    /** Which grids are searched and which settings are carried (every grid by default). */
    public ModelSelector retuning(Retuning retuning) {
        this.retuning = java.util.Objects.requireNonNull(retuning, "retuning");
        return this;
    }

    /** The first-stage plug-ins, in order. */
    public List<Recommender> firstStage() {
        return List.copyOf(firstStage);
    }

    /** Tunes, fits and judges every candidate on the window ending at {@code end}. */
    public Selection select(Dataset<Row> events, LocalDateTime end) {
        ModelSettings s = config.models();
        int k = config.topN();
        int parallelism = SparkSessions.parallelism(config, spark);
        UserSample sample = UserSample.of(events, s.selectSampleUsers());
        if (sample.sampled()) {
            LOG.info("models: {} users; tuning and comparing the models on a hash sample of {} of them (each stands for "
                    + "{}), the winner is refitted on everyone", sample.users(), sample.kept(), f(sample.scale()));
            events = sample.events().cache();
        }
        try {
            return select(events, end, sample, k, parallelism);
        } finally {
            if (sample.sampled()) {
                events.unpersist();
            }
        }
    }

    private Selection select(Dataset<Row> events, LocalDateTime end, UserSample sample, int k, int parallelism) {
        ModelSettings s = config.models();
        double scale = sample.scale();
        steps.step("sizing the test window (at least " + s.minUsers() + " returning users)");
        TimeCut cut = TimeCut.sized(events.select("user", "time"), end, s.window(), s.maxWindow(), s.minUsers());
        steps.step("the test window's users and what they did next");
        EvalWindow test = EvalWindow.of(spark, events, cut, parallelism, 0, s.fillHalfLifeDays(), scale);
        if (test.userCount() == 0) {
            test.close();
            throw new IllegalStateException("no returning user did anything new in the test window " + cut.cut() + " .. "
                    + cut.end() + ": nothing to judge models on (eval.max-window)");
        }
        Map<String, FittedModel> valSources = new LinkedHashMap<>();
        Map<String, FittedModel> testSources = new LinkedHashMap<>();
        List<TuningPoint> tuning = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Recommender> byName = new LinkedHashMap<>();
        // A validation window only when something is tuned or a second stage learns from it.
        boolean validate = !secondStage.isEmpty() || firstStage.stream().anyMatch(r -> r.grid().size() > 1);
        if (validate) {
            steps.step("the validation window's users and what they did next");
        }
        EvalWindow val = validate ? EvalWindow.of(spark, events, cut.previous(), parallelism, s.tuneSampleUsers(),
                s.fillHalfLifeDays(), scale) : null;
        try {
            LOG.info("models: test window {} .. {} ({} returning users, {} new, {} of new pairs unreachable); "
                    + "validation {} .. {} ({} users sampled)", cut.cut(), cut.end(), test.userCount(), test.newUserCount(),
                    f(test.unreachableShare()), cut.previous().cut(), cut.cut(), val == null ? "none: nothing to tune" : val.userCount());
            Map<String, List<Setting>> grids = new LinkedHashMap<>();
            firstStage.stream().filter(r -> tuned(r, val)).forEach(r -> grids.put(r.name(), r.grid()));
            java.util.Set<String> search = retuning.searchTonight(grids);
            if (!search.containsAll(grids.keySet())) {
                LOG.info("models: searching the grids of {} tonight; carrying {}", search, grids.entrySet().stream()
                        .filter(e -> !search.contains(e.getKey())).map(e -> e.getKey() + " " + retuning.carried(e.getKey(),
                                e.getValue()).map(p -> p.setting() + " (searched on data up to " + p.searched() + ")").orElse(""))
                        .toList());
            }
            fitsDone = 0;
            fits = secondStage.size();
            for (Recommender r : firstStage) {
                fits += 1 + (search.contains(r.name()) ? r.grid().size() : secondStage.isEmpty() ? 0 : 1);
            }
            String searched = cut.end().toString();
            for (Recommender r : firstStage) {
                byName.put(r.name(), r);
                Setting best = search.contains(r.name()) ? search(r, val, valSources, tuning, searched)
                        : keep(r, val, valSources, tuning);
                fitting("fitting " + r.name() + " " + best + " before the test window");
                long start = System.nanoTime();
                FittedModel fitted = r.fit(test.view(), best);
                double seconds = (System.nanoTime() - start) / 1e9;
                testSources.put(r.name(), fitted);
                candidates.add(judge(r.name(), best, fitted, test, seconds));
                fitsDone++;
            }
            for (SecondStage stage : secondStage) {
                fitting("fitting " + stage.name() + " on the validation window, judging it on the test window");
                long start = System.nanoTime();
                FittedModel fitted = stage.fit(new SecondStage.Stage(val.view(), valSources), val.relevant(),
                        new SecondStage.Stage(test.view(), testSources));
                double seconds = (System.nanoTime() - start) / 1e9;
                candidates.add(judge(stage.name(), Setting.none(), fitted, test, seconds));
                fitted.close();
                fitsDone++;
            }
        } finally {
            valSources.values().forEach(FittedModel::close);
            if (val != null) {
                val.close();
            }
        }
        double halfLife = candidates.stream().filter(c -> c.name().equals(DecayedPopularity.NAME)).findFirst()
                .map(c -> c.setting().get("halfLifeDays")).orElse(s.fillHalfLifeDays());
        EvaluationReport report = new EvaluationReport(new Protocol("time-cut", cut.cut().toString(), cut.end().toString(),
                cut.previous().cut().toString(), k, test.userCount(), test.newUserCount(), test.unreachableShare(),
                1 / scale),
                new LinkedHashMap<>());
        String coldStart = s.coldStartFormulas().get(0);
        double coldNdcg = Double.NaN;
        for (String formula : s.coldStartFormulas()) {
            if (test.newUserCount() == 0) {
                break;
            }
            steps.step("cold start: " + formula + " on " + test.newUserCount() + " new users");
            List<String> list = ColdStartLists.of(formula, test.view(), halfLife, config.coldStartVotesQuantile(), k).movies();
            RankingMetrics m = Metrics.ranking(spark.createDataFrame(List.of(), TopNRecommender.SCHEMA),
                    test.newRelevant(), list, k, test.catalogue());
            LOG.info("cold start {}: NDCG@{} {} on {} new users", formula, k, f(m.ndcg()), m.users());
            report = report.withColdStart(formula, m);
            if (Double.isNaN(coldNdcg) || m.ndcg() > coldNdcg) {
                coldStart = formula;
                coldNdcg = m.ndcg();
            }
        }
        Candidate winner = candidates.stream().reduce((a, b) -> better(b, a) ? b : a).orElseThrow();
        for (Candidate c : candidates) {
            report = report.with(c.name(), c.evaluation());
        }
        report = report.with("published", winner.evaluation());
        LOG.info("models: publishing {} (NDCG@{} {}), over {}; cold start: {}", winner.name(), k, f(winner.ndcg()),
                candidates.stream().filter(c -> c != winner).map(c -> c.name() + " " + f(c.ndcg())).toList(), coldStart);
        SecondStage stage = secondStage.stream().filter(x -> x.name().equals(winner.name())).findFirst().orElse(null);
        return new Selection(report, winner, candidates, List.copyOf(tuning), byName.get(winner.name()), stage,
                settings(candidates), coldStart, halfLife, test, testSources, sample);
    }

    /**
     * A model that does not search its grid tonight: the setting it carries, else (nothing to tune, or no
     * validation user) its first; fitted on the validation window only for a second stage.
     */
    private Setting keep(Recommender r, EvalWindow val, Map<String, FittedModel> keep, List<TuningPoint> tuning) {
        List<Setting> grid = r.grid();
        java.util.Optional<TuningPoint> carried = tuned(r, val) ? retuning.carried(r.name(), grid) : java.util.Optional.empty();
        Setting setting = carried.map(TuningPoint::setting).orElse(grid.get(0));
        if (carried.isEmpty() && grid.size() > 1) {
            LOG.warn("no validation user: {} keeps its first setting {}", r.name(), setting);
        }
        double ndcg = Double.NaN;
        if (!secondStage.isEmpty()) {
            fitting("fitting " + r.name() + " " + setting + (carried.isPresent() ? " (carried)" : "") + " before the validation window");
            FittedModel fitted = r.fit(val.view(), setting);
            keep.put(r.name(), fitted);
            fitsDone++;
            if (carried.isPresent()) {
                ndcg = rank(fitted, val).ndcg();
            }
        }
        if (carried.isPresent()) {
            tuning.add(carried.get().carriedWith(ndcg));
            LOG.info("tuning {}: carried {} (its grid searched on data up to {}){}", r.name(), setting,
                    carried.get().searched(), Double.isNaN(ndcg) ? "" : ": validation NDCG@" + config.topN() + " " + f(ndcg));
        }
        return setting;
    }

    /** Searches {@code r}'s grid on the validation window (the data ends at {@code searched}); the best setting. */
    private Setting search(Recommender r, EvalWindow val, Map<String, FittedModel> keep, List<TuningPoint> tuning,
            String searched) {
        List<Setting> grid = r.grid();
        boolean needed = !secondStage.isEmpty();
        Setting best = null;
        FittedModel bestFit = null;
        double bestNdcg = Double.NaN;
        List<TuningPoint> tried = new ArrayList<>();
        for (Setting s : grid) {
            fitting("tuning " + r.name() + " " + s);
            FittedModel fitted = r.fit(val.view(), s);
            double ndcg = rank(fitted, val).ndcg();
            fitsDone++;
            LOG.info("tuning {} {}: validation NDCG@{} {}", r.name(), s, config.topN(), f(ndcg));
            tried.add(TuningPoint.searched(r.name(), s, ndcg, searched));
            if (best == null || !Double.isNaN(ndcg) && (Double.isNaN(bestNdcg) || ndcg > bestNdcg)) {
                if (bestFit != null) {
                    bestFit.close();
                }
                best = s;
                bestFit = fitted;
                bestNdcg = ndcg;
            } else {
                fitted.close();
            }
        }
        for (TuningPoint t : tried) {
            tuning.add(t.setting() == best ? t.asChosen() : t);
        }
        if (needed) {
            keep.put(r.name(), bestFit);
        } else {
            bestFit.close();
        }
        LOG.info("tuned {}: {}", r.name(), best);
        return best;
    }

    /** Whether, after a selection on a sample, the published models learn on the sample (eval.publish-from-sample). */
    public boolean publishesFromSample() {
        return config.models().publishFromSample();
    }

    /** Where this selection names its steps (the publish step names its refits there too). */
    public Steps steps() {
        return steps;
    }

    /** Whether {@code r} is tuned on the validation window (a grid and users to judge it on). */
    private static boolean tuned(Recommender r, EvalWindow val) {
        return val != null && r.grid().size() > 1 && val.userCount() > 0;
    }

    /** Tells the steps what is fitted now, with the fits done of all this selection makes. */
    private void fitting(String what) {
        steps.step(what, fitsDone, fits);
    }

    private RankingMetrics rank(FittedModel fitted, EvalWindow w) {
        return w.rank(fitted, w.users(), config.topN());
    }

    private Candidate judge(String name, Setting setting, FittedModel fitted, EvalWindow test, double seconds) {
        RankingMetrics r = rank(fitted, test);
        LOG.info("model {} {}: NDCG@{} {} P {} R {} MAP {} coverage {} fallback share {}; fit {} s", name, setting, r.k(),
                f(r.ndcg()), f(r.precision()), f(r.recall()), f(r.map()), f(r.coverage()), f(r.coldStartShare()),
                String.format(Locale.ROOT, "%.1f", seconds));
        return new Candidate(name, setting, new ModelEvaluation(r, null, setting.values(), seconds));
    }

    private static Map<String, Setting> settings(List<Candidate> candidates) {
        Map<String, Setting> m = new LinkedHashMap<>();
        candidates.forEach(c -> m.put(c.name(), c.setting()));
        return m;
    }

    /** Whether {@code a} beats {@code b} on NDCG; a NaN figure never beats anything. */
    private static boolean better(Candidate a, Candidate b) {
        return !Double.isNaN(a.ndcg()) && (Double.isNaN(b.ndcg()) || a.ndcg() > b.ndcg());
    }

    private static String f(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }
}
