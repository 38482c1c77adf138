package dev.marquee.batch;

import static org.apache.spark.sql.functions.col;

import dev.marquee.batch.lake.DataReport;
import dev.marquee.batch.lake.IngestCommit;
import dev.marquee.batch.lake.IngestLedger;
import dev.marquee.batch.lake.Ingestion;
import dev.marquee.batch.lake.LakeLayout;
import dev.marquee.batch.lake.LakeReader;
import dev.marquee.batch.publish.StoreExport;
import dev.marquee.batch.recommend.ColdStart;
import dev.marquee.batch.recommend.TopNRecommender;
import dev.marquee.batch.train.AlsTrainer;
import dev.marquee.batch.train.Interactions;
import dev.marquee.batch.train.TrainingData;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One nightly run: ingest the new records into the lake (validated, committed) -> training view
 * of the whole lake -> ALS -> top-N and cold-start -> new store version -> CURRENT. Any failure
 * throws before CURRENT moves, so yesterday's version keeps serving.
 */
public final class NightlyJob {
    private final SparkSession spark;
    private final BatchConfig config;
    private Runnable beforeCommit = () -> { };

    public NightlyJob(SparkSession spark, BatchConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** A hook run between writing the lake and committing the run (tests kill the run there). */
    public NightlyJob beforeCommit(Runnable hook) {
        this.beforeCommit = hook;
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
        Dataset<Row> events = LakeReader.events(spark, lake, commits);
        TrainingData data = TrainingData.from(spark, Interactions.from(events));
        long ratings = data.indexedRatings().count();
        long users = data.userIndex().count();
        if (ratings == 0) {
            throw new IllegalStateException("the lake holds no valid rating: nothing to train on");
        }
        progress.done("training view", "lake snapshot run {} ({} runs): {} ratings by {} users of {} movies",
                commits.get(commits.size() - 1).run(), commits.size(), ratings, users, data.movies().length);

        int blocks = SparkSessions.parallelism(config, spark);
        ALSModel model = AlsTrainer.fit(data.indexedRatings(), AlsTrainer.Variant.EXPLICIT, config.als(), blocks);
        double trainRmse = AlsTrainer.rmse(model, data.indexedRatings());
        progress.done("als", "rank {}, regParam {}, {} iterations, {} blocks, training RMSE {}", config.als().rank(),
                config.als().regParam(), config.als().maxIter(), blocks, String.format("%.4f", trainRmse));

        Dataset<Row> lists = TopNRecommender.recommend(spark, model, data, config.topN()).cache();
        long listed = lists.count();
        progress.done("top-n", "{} lists of up to {} movies", listed, config.topN());

        ColdStart coldStart = ColdStart.compute(data.ratings(), config.coldStartVotesQuantile(), config.topN());
        progress.done("cold-start", "{} movies, m={} votes, C={}", coldStart.movies().size(), coldStart.minVotes(),
                String.format("%.3f", coldStart.meanRating()));

        StoreLayout layout = new StoreLayout(config.storeRoot());
        String versionId = layout.nextVersionId();
        Map<String, Object> lineage = lineage(ingest, commits, ratings, users, data.movies().length, coldStart, trainRmse);
        Manifest manifest = StoreExport.write(layout, versionId, lists.select(col("user"), col("movies")),
                coldStart.movies(), lineage);
        progress.done("export", "version {}: {} users", versionId, manifest.userCount());

        layout.promote(versionId);
        progress.done("publish", "CURRENT -> {}", versionId);
        lists.unpersist();
        data.release();
        return new JobResult(versionId, report.records(), report.byKind(), report.rejectedByReason(), listed,
                data.movies().length, ratings, coldStart.movies(), progress.elapsedMs());
    }

    private Map<String, Object> lineage(Ingestion.Result ingest, List<IngestCommit> commits, long ratings, long users,
            int movies, ColdStart coldStart, double trainRmse) {
        IngestCommit last = commits.get(commits.size() - 1);
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("source", Map.of("topic", config.topic(), "thisRun", ingest.range().lineage()));
        lineage.put("lake", Map.of("root", config.lakeRoot().toString(), "snapshot", last.run(), "runs", commits.size(),
                "events", commits.stream().mapToLong(IngestCommit::accepted).sum(),
                "offsetsUntil", last.until()));
        lineage.put("dataReport", ingest.report());
        lineage.put("counts", Map.of("ratings", ratings, "users", users, "movies", movies));
        lineage.put("models", Map.of("als", Map.of("kind", "als-explicit", "params", config.describe().get("als"),
                "metrics", Map.of("trainRmse", trainRmse))));
        lineage.put("coldStart", Map.of("formula", "imdb-weighted-rating", "minVotes", coldStart.minVotes(),
                "meanRating", coldStart.meanRating()));
        lineage.put("config", config.describe());
        lineage.put("codeVersion", CodeVersion.get());
        lineage.put("finishedAt", Instant.now().toString());
        return lineage;
    }
}
