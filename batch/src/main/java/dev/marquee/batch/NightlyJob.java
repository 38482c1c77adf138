package dev.marquee.batch;


import dev.marquee.batch.eval.GateDecision;
import dev.marquee.batch.eval.HistoryEntry;
import dev.marquee.batch.eval.HtmlReport;
import dev.marquee.batch.eval.PopularityBaseline;
import dev.marquee.batch.eval.QualityGate;
import dev.marquee.batch.lake.DataReport;
import dev.marquee.batch.lake.IngestCommit;
import dev.marquee.batch.lake.IngestLedger;
import dev.marquee.batch.lake.Ingestion;
import dev.marquee.batch.lake.LakeLayout;
import dev.marquee.batch.lake.LakeReader;
import dev.marquee.batch.models.Candidate;
import dev.marquee.batch.models.ModelSelector;
import dev.marquee.batch.models.QualityGateException;
import dev.marquee.batch.models.VersionHistory;
import dev.marquee.batch.publish.StoreExport;
import dev.marquee.batch.rank.RankerParams;
import dev.marquee.batch.recommend.ColdStart;
import dev.marquee.batch.recommend.ItemFactors;
import dev.marquee.batch.recommend.TopNRecommender;
import dev.marquee.batch.train.AlsTrainer;
import dev.marquee.batch.train.AlsTrainer.Variant;
import dev.marquee.batch.train.Interactions;
import dev.marquee.batch.train.TrainingData;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One nightly run: ingest the new records into the lake (validated, committed) -> interactions of
 * the whole lake -> every candidate model evaluated on a time-based holdout -> quality gate
 * against the serving version -> the winner refitted on everything -> top-N and cold-start -> new
 * store version -> CURRENT. Any failure throws before CURRENT moves, so the serving version stays.
 */
public final class NightlyJob {
    /** The evaluation page written beside each version and each run's data report. */
    public static final String REPORT_FILE = "evaluation.html";

    private final SparkSession spark;
    private final BatchConfig config;
    private Runnable beforeCommit = () -> { };
    private UnaryOperator<ItemFactors> itemFactors = UnaryOperator.identity();

    public NightlyJob(SparkSession spark, BatchConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** A hook run between writing the lake and committing the run (tests kill the run there). */
    public NightlyJob beforeCommit(Runnable hook) {
        this.beforeCommit = hook;
        return this;
    }

    /** Replaces every ALS model's item factors before lists are made (tests break models with it). */
    public NightlyJob itemFactors(UnaryOperator<ItemFactors> hook) {
        this.itemFactors = hook;
        return this;
    }

    /** Runs every phase and returns what was published. */
    public JobResult run() {
        Progress progress = new Progress();
        Ingestion.Result ingest = new Ingestion(spark, config).run(beforeCommit);
        DataReport report = ingest.report();
        progress.done("ingest", "run {}: {} new records, {} rejected ({}), committed: {}", report.run(), report.records(),
                report.rejected(), report.rejectedByReason(), ingest.commit().isPresent());

        LakeLayout lake = new LakeLayout(config.lakeRoot());
        List<IngestCommit> commits = new IngestLedger(lake).commits();
        Dataset<Row> interactions = Interactions.from(LakeReader.events(spark, lake, commits)).cache();
        long pairs = interactions.count();
        progress.done("interactions", "lake snapshot run {} ({} runs): {} user-movie pairs", commits.get(commits.size() - 1).run(),
                commits.size(), pairs);

        ModelSelector.Selection selection = new ModelSelector(spark, config, itemFactors).select(interactions);
        Candidate winner = selection.published();
        progress.done("models", "{} wins the holdout with NDCG@{} {}", winner.name(), config.topN(),
                String.format("%.4f", winner.ndcg()));

        StoreLayout layout = new StoreLayout(config.storeRoot());
        List<HistoryEntry> history = new ArrayList<>(VersionHistory.read(layout));
        GateDecision gate = QualityGate.decide(winner.ndcg(), VersionHistory.servingNdcg(layout), config.models().ndcgMargin());
        Path html = lake.root().resolve("_reports").resolve("run-" + LakeLayout.id(report.run()) + "-" + REPORT_FILE);
        String versionId = layout.nextVersionId();
        dev.marquee.batch.eval.RankingMetrics r = selection.report().models().get("published").ranking();
        history.add(new HistoryEntry(versionId + (gate.publish() ? "" : " (refused)"), Instant.now().toString(), r.ndcg(),
                r.precision(), r.recall(), r.coverage()));
        HtmlReport.write(html, selection.report(), history);
        progress.done("gate", "{}; report {}", gate.reason(), html);
        if (!gate.publish()) {
            interactions.unpersist();
            throw new QualityGateException(gate.reason());
        }

        TrainingData data = TrainingData.from(spark, interactions);
        Dataset<Row> lists = finalLists(selection, data).cache();
        long listed = lists.count();
        progress.done("top-n", "{} refitted on all data: {} lists of up to {} movies", winner.name(), listed, config.topN());

        ColdStart coldStart = ColdStart.compute(data.ratings(), config.coldStartVotesQuantile(), config.topN());
        progress.done("cold-start", "{} movies, m={} votes, C={}", coldStart.movies().size(), coldStart.minVotes(),
                String.format("%.3f", coldStart.meanRating()));

        Map<String, Object> lineage = lineage(ingest, commits, pairs, data, coldStart, selection, gate);
        Manifest manifest = StoreExport.write(layout, versionId, lists, coldStart, lineage);
        copy(html, layout.versionDir(versionId).resolve(REPORT_FILE));
        progress.done("export", "version {}: {} users", versionId, manifest.userCount());

        layout.promote(versionId);
        progress.done("publish", "CURRENT -> {}", versionId);
        lists.unpersist();
        data.release();
        interactions.unpersist();
        return new JobResult(versionId, report.records(), report.byKind(), report.rejectedByReason(), listed,
                data.movies().length, data.indexedRatings().count(), coldStart.movies(), winner.name(), winner.ndcg(),
                progress.elapsedMs());
    }

    /**
     * The winner refitted on all interactions, its lists sorted by user. The neural ranker is not
     * retrained: it re-ranks the refitted ALS's candidates with the weights it learned on the holdout.
     */
    private Dataset<Row> finalLists(ModelSelector.Selection selection, TrainingData data) {
        Candidate winner = selection.published();
        if (winner.variant() == null) {
            return PopularityBaseline.recommend(data.interactions().select("user", "movie"), config.topN()).orderBy("user");
        }
        Dataset<Row> input = winner.variant() == Variant.EXPLICIT ? data.indexedRatings() : data.indexedWatches();
        ALSModel model = AlsTrainer.fit(input, winner.variant(), winner.params(), SparkSessions.parallelism(config, spark));
        ItemFactors items = itemFactors.apply(ItemFactors.of(model));
        if ("neural".equals(winner.name())) {
            return selection.ranker().rerank(spark, dev.marquee.batch.models.NeuralStage.candidates(spark, model, items,
                    data, data.userIndex(), RankerParams.defaults()), config.topN());
        }
        return TopNRecommender.recommend(spark, model, items, data, config.topN());
    }

    private Map<String, Object> lineage(Ingestion.Result ingest, List<IngestCommit> commits, long pairs,
            TrainingData data, ColdStart coldStart, ModelSelector.Selection selection, GateDecision gate) {
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
        if (winner.params() != null) {
            published.put("variant", winner.variant().name().toLowerCase(java.util.Locale.ROOT));
            published.put("params", winner.params());
        }
        lineage.put("published", published);
        lineage.put("evaluation", selection.report());
        lineage.put("tuning", selection.tuning());
        lineage.put("gate", gate);
        lineage.put("coldStart", Map.of("formula", "imdb-weighted-rating", "minVotes", coldStart.minVotes(),
                "meanRating", coldStart.meanRating()));
        lineage.put("config", config.describe());
        lineage.put("codeVersion", CodeVersion.get());
        lineage.put("finishedAt", Instant.now().toString());
        return lineage;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the evaluation report to " + to, e);
        }
    }
}
