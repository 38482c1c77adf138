package dev.marquee.batch;

import static org.apache.spark.sql.functions.max;

import dev.marquee.batch.candidates.ColdStartLists;
import dev.marquee.batch.candidates.DecayedPopularity;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.drift.DriftMonitor;
import dev.marquee.batch.drift.DriftReport;
import dev.marquee.batch.eval.report.DataPage;
import dev.marquee.batch.eval.report.HistoryEntry;
import dev.marquee.batch.eval.report.HtmlReport;
import dev.marquee.batch.eval.report.OnlinePage;
import dev.marquee.batch.ingest.DataQualityException;
import dev.marquee.batch.ingest.DataReport;
import dev.marquee.batch.ingest.IngestCommit;
import dev.marquee.batch.ingest.IngestLedger;
import dev.marquee.batch.ingest.Ingestion;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.batch.ingest.LakeReader;
import dev.marquee.batch.ingest.LakeRetention;
import dev.marquee.batch.metrics.NightFigures;
import dev.marquee.batch.models.AbArms;
import dev.marquee.batch.models.Candidate;
import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.models.GateDecision;
import dev.marquee.batch.models.ModelSelector;
import dev.marquee.batch.models.Publisher;
import dev.marquee.batch.models.QualityGate;
import dev.marquee.batch.models.QualityGateException;
import dev.marquee.batch.models.Retuning;
import dev.marquee.batch.models.SecondStage;
import dev.marquee.batch.models.Selection;
import dev.marquee.batch.models.TrainView;
import dev.marquee.batch.models.VersionHistory;
import dev.marquee.batch.online.OnlineEvaluation;
import dev.marquee.batch.online.OnlineReport;
import dev.marquee.batch.progress.Steps;
import dev.marquee.batch.publish.StoreExport;
import dev.marquee.batch.rank.NeuralStage;
import dev.marquee.batch.recommend.ColdStart;
import dev.marquee.batch.recommend.ItemFactors;
import dev.marquee.batch.train.Interactions;
import dev.marquee.batch.train.TrainingData;
import dev.marquee.batch.train.TrainingWindow;
import dev.marquee.events.LogTimes;
import dev.marquee.store.Housekeeping;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One nightly run: ingest the new records into the lake (validated, committed) -> the whole lake's
 * events -> every candidate tuned and judged on a global time cut (ADR 9) -> quality gate against
 * the serving version -> the winner, the same plug-in with the same setting, refitted on everything
 * -> top-N and the best cold-start list -> new store version (its evaluation report inside, listed in
 * the manifest) -> CURRENT. Any failure throws before CURRENT moves, so the serving version stays.
 * "Now" is read from one {@link Clock}, the system's unless a test sets {@link #clock}.
 */
public final class NightlyJob {
    /** The evaluation page written beside each version and each run's data report. */
    public static final String REPORT_FILE = "evaluation.html";
    /**
     * The lineage key of the latest event time in the version's data ({@code yyyy-MM-ddTHH:mm:ss[.fff]}, the
     * platform's wall time, as in the log); serving reads it under the same name.
     */
    public static final String DATA_END = "dataEnd";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NightlyJob.class);

    private final SparkSession spark;
    private final BatchConfig config;
    private Clock clock = Clock.systemUTC();
    private Runnable beforeCommit = () -> { };
    private Runnable afterRange = () -> { };
    private Runnable beforeOnline = () -> { };
    private UnaryOperator<ItemFactors> itemFactors = UnaryOperator.identity();
    private Consumer<List<FittedModel>> afterLists = fitted -> { };
    private final List<SecondStage> secondStages = new ArrayList<>();
    private NightFigures figures = new NightFigures();

    public NightlyJob(SparkSession spark, BatchConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /**
     * The clock the run reads "now" from: ingestion's time checks (as wall time in the platform's
     * zone) and commit, the report's and the lineage's times. Tests run as of a fixed instant.
     */
    public NightlyJob clock(Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** A hook run once the offsets to read are fixed, before reading them (tests stop the broker there). */
    public NightlyJob afterRange(Runnable hook) {
        this.afterRange = hook;
        return this;
    }

    /** A hook run as online evaluation starts, inside it (tests make it fail there: the night must go on). */
    public NightlyJob beforeOnline(Runnable hook) {
        this.beforeOnline = hook;
        return this;
    }

    /** A hook run between writing the lake and committing the run (tests kill the run there). */
    public NightlyJob beforeCommit(Runnable hook) {
        this.beforeCommit = hook;
        return this;
    }

    /**
     * A hook run once the published lists are computed (cached, counted), with the models fitted to
     * make them while their data is still cached (bench/nightly times their scoring there).
     */
    public NightlyJob afterLists(Consumer<List<FittedModel>> hook) {
        this.afterLists = hook;
        return this;
    }

    /** Replaces every ALS model's item factors before lists are made (tests break models with it). */
    public NightlyJob itemFactors(UnaryOperator<ItemFactors> hook) {
        this.itemFactors = hook;
        return this;
    }

    /**
     * Where the run records its figures for Prometheus as it goes (rows, the best candidate's and the
     * published NDCG); {@link BatchMain} pushes them when the run ends. Later phases add theirs here.
     */
    public NightlyJob figures(NightFigures figures) {
        this.figures = java.util.Objects.requireNonNull(figures, "figures");
        return this;
    }

    /** Adds a second stage (the neural ranker) to the candidates. */
    public NightlyJob secondStage(SecondStage stage) {
        secondStages.add(stage);
        return this;
    }

    /** The second stages the config names among its candidates (the neural ranker). */
    public static List<SecondStage> secondStages(BatchConfig config) {
        return config.models().candidates().contains(NeuralStage.NAME)
                ? List.of(new NeuralStage(config.models().plugins().getConfig(NeuralStage.NAME))) : List.of();
    }

    /**
     * Runs every phase and returns what was published. While a phase runs, a progress line comes
     * every {@code progress.every}; at the end (published or not) a {@code PHASE} line per phase done.
     */
    public JobResult run() {
        try (Progress progress = Progress.start(spark.sparkContext(), config.progressEvery())) {
            try {
                return run(progress);
            } finally {
                progress.logTable();
            }
        }
    }

    private JobResult run(Progress progress) {
        Steps steps = progress.steps();
        progress.begin("ingest");
        StoreLayout store = new StoreLayout(config.storeRoot());
        List<String> abandoned = Housekeeping.removeAbandoned(store, config.abandonedAfter(), clock.instant());
        if (!abandoned.isEmpty()) {
            LOG.warn("removed store versions abandoned by an earlier writer: {}", abandoned);
        }
        DriftMonitor drift = new DriftMonitor(config.drift(), config.lakeRoot());
        Ingestion.Result ingest;
        try {
            ingest = new Ingestion(spark, config, clock).steps(steps).check(drift).run(afterRange, beforeCommit);
        } catch (DataQualityException e) {
            DataPage.write(dataPage(e.report()), e.report(), drift.report());
            drift.report().ifPresent(this::driftFigures);
            throw e;
        }
        DataReport report = ingest.report();
        DataPage.write(dataPage(report), report, drift.report());
        figures.rows(report.records(), report.rejected(), report.rejectedByReason());
        drift.report().ifPresent(this::driftFigures);
        progress.done("run {}: {} new records, {} rejected ({}), drift {}, committed: {}", report.run(),
                report.records(), report.rejected(), report.rejectedByReason(),
                drift.report().map(DriftReport::level).map(String::valueOf).orElse("not measured"),
                ingest.commit().isPresent());

        progress.begin("interactions");
        LakeLayout lake = new LakeLayout(config.lakeRoot());
        List<IngestCommit> commits = new IngestLedger(lake).commits();
        List<Integer> retired = LakeRetention.apply(lake, commits, config.lakeRetentionDays());
        if (!retired.isEmpty()) {
            LOG.info("lake retention ({} days): runs {} retired", config.lakeRetentionDays(), retired);
        }
        commits = LakeRetention.readable(lake, commits);
        steps.step("reading " + commits.size() + " lake runs into user-movie pairs");
        Dataset<Row> events = TrainingWindow.apply(LakeReader.events(spark, lake, commits)
                .select("kind", "user", "movie", "rating", "minute", "time", "partition", "offset"),
                config.trainWindowDays()).cache();
        Dataset<Row> interactions = Interactions.from(events).cache();
        long pairs = interactions.count();
        LocalDateTime end = interactions.agg(max("time")).first().getAs(0);
        progress.done("lake snapshot run {} ({} runs): {} user-movie pairs, latest event {}",
                commits.get(commits.size() - 1).run(), commits.size(), pairs, end);

        Map<String, Object> onlineLineage = Map.of("status", "off (marquee.batch.online.enabled = false)");
        OnlineReport online = null;
        if (config.online().enabled()) {
            progress.begin("online");
            steps.step("joining the recorded answers with what their users did next");
            online = online(lake, commits);
            onlineLineage = online != null ? online.lineage() : Map.of("status", "failed: see the run's log");
            if (online != null) {
                dev.marquee.batch.ab.AbTest.record(online, figures);
            }
            progress.done(online == null ? "failed; the night goes on without it" : "{} answers judged, {} pending",
                    online == null ? 0 : online.evaluated(), online == null ? 0 : online.pending());
        }

        progress.begin("models");
        // Tonight searches only some grids; the other tuned models keep the settings the serving version's lineage holds.
        ModelSelector selector = new ModelSelector(spark, config, itemFactors).steps(steps)
                .retuning(Retuning.fromServing(new StoreLayout(config.storeRoot()), config.models().gridsPerNight()));
        (secondStages.isEmpty() ? secondStages(config) : secondStages).forEach(selector::withSecondStage);
        try (Selection selection = selector.select(events, end)) {
            Candidate winner = selection.published();
            figures.candidateNdcg(winner.ndcg());
            progress.done("{} wins the test window with NDCG@{} {}", winner.name(), config.topN(),
                    String.format("%.4f", winner.ndcg()));

            progress.begin("gate");
            StoreLayout layout = new StoreLayout(config.storeRoot());
            List<HistoryEntry> history = new ArrayList<>(VersionHistory.read(layout));
            GateDecision gate = QualityGate.decide(winner.ndcg(), VersionHistory.servingNdcg(layout),
                    config.models().ndcgMargin());
            Path html = lake.root().resolve("_reports").resolve("run-" + LakeLayout.id(report.run()) + "-" + REPORT_FILE);
            String versionId = layout.nextVersionId();
            dev.marquee.batch.eval.metrics.RankingMetrics r = selection.report().models().get("published").ranking();
            history.add(new HistoryEntry(versionId + (gate.publish() ? "" : " (refused)"), clock.instant().toString(),
                    r.ndcg(), r.precision(), r.recall(), r.coverage()));
            HtmlReport.write(html, selection.report(), history, online == null ? "" : OnlinePage.section(online));
            progress.done("{}; report {}", gate.reason(), html);
            if (!gate.publish()) {
                events.unpersist();
                interactions.unpersist();
                throw new QualityGateException(gate.reason());
            }

            progress.begin("top-n");
            steps.step("refitting " + winner.name() + " on all data");
            TrainingData data = TrainingData.from(spark, interactions);
            int parallelism = SparkSessions.parallelism(config, spark);
            TrainView all = new TrainView(spark, data, end, parallelism,
                    new DecayedPopularity(selection.halfLifeDays()).ranking(new TrainView(spark, data, end, parallelism, null)));
            // Each list carries its spares after the top-n (ADR 11): the service answers them in place of movies watched since.
            int listLength = config.topN() + config.spares();
            Publisher.Published published = Publisher.publish(selector, selection, all, listLength);
            Dataset<Row> lists = published.lists();
            long listed = lists.count();
            progress.done("{} refitted on all data: {} lists of up to {} movies and {} spares", winner.name(), listed,
                    config.topN(), config.spares());
            // Between phases: a hook's time (bench/nightly's scoring probe) counts in no phase.
            afterLists.accept(published.fitted());

            Map<String, AbArms.Arm> arms = Map.of();
            if (!config.models().abSecondArm().isEmpty() || config.models().abControl()) {
                progress.begin("ab-arms");
                arms = AbArms.of(config.models(), selector, selection, all, config.topN());
                progress.done("arms {}", arms.keySet());
            }

            progress.begin("cold-start");
            ColdStart coldStart = ColdStartLists.of(selection.coldStart(), all, selection.halfLifeDays(),
                    config.coldStartVotesQuantile(), listLength);
            progress.done("{}: {} movies", selection.coldStart(), coldStart.movies().size());

            progress.begin("export");
            Map<String, Object> lineage = new LinkedHashMap<>(lineage(ingest, commits, pairs, data, selection, gate));
            drift.report().ifPresent(d -> lineage.put("drift", d));
            Map<String, Dataset<Row>> armLists = new LinkedHashMap<>();
            Map<String, Object> armLineage = new LinkedHashMap<>();
            arms.forEach((name, arm) -> {
                armLists.put(name, arm.lists());
                armLineage.put(name, Map.of("model", arm.model(), "setting", arm.setting().values()));
            });
            lineage.put("arms", armLineage);
            // Up to which event time (the platform's wall time) the version's data goes: the service's fresh answers
            // remove what users watched or rated after it.
            lineage.put(DATA_END, LogTimes.format(end));
            lineage.put("online", onlineLineage);
            // The report goes into the version before its manifest is written, so the manifest covers it.
            Manifest manifest = StoreExport.write(layout, versionId, lists, armLists, coldStart, lineage,
                    Map.of(REPORT_FILE, read(html)), steps, listed, config.topN());
            arms.values().forEach(arm -> {
                arm.lists().unpersist();
                arm.fitted().close();
            });
            progress.done("version {}: {} users, arms {}", versionId, manifest.userCount(), manifest.arms());

            progress.begin("publish");
            layout.promote(versionId);
            progress.done("CURRENT -> {}", versionId);
            figures.published(versionId, winner.ndcg());
            lists.unpersist();
            data.release();
            interactions.unpersist();
            events.unpersist();
            return new JobResult(versionId, report.records(), report.byKind(), report.rejectedByReason(), listed,
                    data.movies().length, data.indexedRatings().count(),
                    coldStart.movies().subList(0, Math.min(config.topN(), coldStart.movies().size())), winner.name(), winner.ndcg(),
                    progress.elapsedMs(), progress.phases(), drift.report().map(DriftReport::figures).orElse(Map.of()));
        }
    }

    /**
     * Online evaluation of the lake's answers (written to the lake), or null when it failed: a
     * failure here warns and the night goes on, since the new version does not depend on it.
     */
    private OnlineReport online(LakeLayout lake, List<IngestCommit> commits) {
        try {
            beforeOnline.run();
            OnlineReport report = new OnlineEvaluation(spark, config).run(lake, commits);
            LOG.info("{}", report.format());
            return report;
        } catch (RuntimeException e) {
            LOG.warn("online evaluation failed; the night goes on without it: {}", e.toString(), e);
            return null;
        }
    }

    private Map<String, Object> lineage(Ingestion.Result ingest, List<IngestCommit> commits, long pairs,
            TrainingData data, Selection selection, GateDecision gate) {
        IngestCommit last = commits.get(commits.size() - 1);
        Candidate winner = selection.published();
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("source", Map.of("topic", config.topic(), "thisRun", ingest.range().lineage()));
        lineage.put("lake", Map.of("root", config.lakeRoot().toString(), "snapshot", last.run(), "runs", commits.size(),
                "events", commits.stream().mapToLong(IngestCommit::accepted).sum(), "offsetsUntil", last.until()));
        lineage.put("dataReport", ingest.report());
        lineage.put("counts", Map.of("pairs", pairs, "users", data.userIndex().count(), "movies", data.movies().length));
        Map<String, Object> published = new LinkedHashMap<>();
        published.put("model", winner.name());
        published.put("setting", winner.setting().values());
        published.put("settings", selection.settings());
        lineage.put("published", published);
        lineage.put("evaluation", selection.report());
        lineage.put("tuning", selection.tuning());
        lineage.put("gate", gate);
        lineage.put("coldStart", Map.of("formula", selection.coldStart(), "halfLifeDays", selection.halfLifeDays()));
        lineage.put("config", config.describe());
        lineage.put("codeVersion", CodeVersion.get());
        lineage.put("finishedAt", clock.instant().toString());
        return lineage;
    }

    /** Each measured drift figure's statistic (PSI, or KS D) for Prometheus, also for a run it stopped. */
    private void driftFigures(DriftReport drift) {
        drift.list().stream().filter(f -> f.level() != dev.marquee.batch.drift.Figure.Level.NONE)
                .forEach(f -> figures.driftStatistic(f.name(), f.statistic(), f.value()));
    }

    /** Where a run's data report page goes: beside its JSON data report. */
    private Path dataPage(DataReport report) {
        return config.lakeRoot().resolve("_reports").resolve("run-" + LakeLayout.id(report.run()) + "-data.html");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evaluation report " + file, e);
        }
    }
}
