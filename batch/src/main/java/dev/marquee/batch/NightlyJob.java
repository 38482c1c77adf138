package dev.marquee.batch;

import static org.apache.spark.sql.functions.col;

import dev.marquee.batch.ingest.EventRows;
import dev.marquee.batch.ingest.TopicRange;
import dev.marquee.batch.ingest.TopicReader;
import dev.marquee.batch.publish.StoreExport;
import dev.marquee.batch.recommend.ColdStart;
import dev.marquee.batch.recommend.TopNRecommender;
import dev.marquee.batch.train.AlsTrainer;
import dev.marquee.batch.train.TrainingData;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One nightly run: offsets -> parse -> training view -> ALS -> top-N and cold-start -> new store
 * version -> CURRENT. Any failure throws before CURRENT moves, so yesterday's version keeps
 * serving.
 */
public final class NightlyJob {
    private final SparkSession spark;
    private final BatchConfig config;

    public NightlyJob(SparkSession spark, BatchConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** Runs every phase and returns what was published. */
    public JobResult run() {
        Progress progress = new Progress();
        TopicRange range = TopicRange.wholeTopic(config.bootstrapServers(), config.topic());
        if (range.records() == 0) {
            throw new IllegalStateException("topic '" + config.topic() + "' holds no records: nothing to train on");
        }
        progress.done("offsets", "{} records in {} partition(s) of {}", range.records(), range.until().size(), config.topic());

        Dataset<Row> events = TopicReader.read(spark, config.bootstrapServers(), range,
                new EventRows(config.ratingMin(), config.ratingMax())).persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        for (Row r : events.groupBy("kind", "reason").count().collectAsList()) {
            byKind.merge(r.getString(0), r.getLong(2), Long::sum);
            if (r.getString(1) != null) {
                byReason.merge(r.getString(1), r.getLong(2), Long::sum);
            }
        }
        progress.done("ingest", "events by kind {}, rejected by reason {}", byKind, byReason);
        if (byKind.getOrDefault(EventRows.RATE, 0L) == 0) {
            throw new IllegalStateException("no valid rating in " + range.records() + " records: nothing to train on");
        }

        TrainingData data = TrainingData.from(spark, events);
        long ratings = data.indexedRatings().count();
        long users = data.userIndex().count();
        progress.done("training view", "{} ratings by {} users of {} movies", ratings, users, data.movies().length);

        int blocks = SparkSessions.parallelism(config, spark);
        ALSModel model = AlsTrainer.fit(data.indexedRatings(), config, blocks);
        progress.done("als", "rank {}, regParam {}, {} iterations, {} blocks", config.alsRank(), config.alsRegParam(),
                config.alsMaxIter(), blocks);

        Dataset<Row> lists = TopNRecommender.recommend(spark, model, data, config.topN()).cache();
        long listed = lists.count();
        progress.done("top-n", "{} lists of up to {} movies", listed, config.topN());

        ColdStart coldStart = ColdStart.compute(data.ratings(), config.coldStartVotesQuantile(), config.topN());
        progress.done("cold-start", "{} movies, m={} votes, C={}", coldStart.movies().size(), coldStart.minVotes(),
                String.format("%.3f", coldStart.meanRating()));

        StoreLayout layout = new StoreLayout(config.storeRoot());
        String versionId = layout.nextVersionId();
        Map<String, Object> lineage = lineage(range, byKind, byReason, ratings, users, data.movies().length, coldStart);
        Manifest manifest = StoreExport.write(layout, versionId, lists.select(col("user"), col("movies")),
                coldStart.movies(), lineage);
        progress.done("export", "version {}: {} users", versionId, manifest.userCount());

        layout.promote(versionId);
        progress.done("publish", "CURRENT -> {}", versionId);
        events.unpersist();
        lists.unpersist();
        data.ratings().unpersist();
        data.indexedRatings().unpersist();
        data.userIndex().unpersist();
        return new JobResult(versionId, range.records(), byKind, byReason, listed, data.movies().length, ratings,
                coldStart.movies(), progress.elapsedMs());
    }

    private Map<String, Object> lineage(TopicRange range, Map<String, Long> byKind, Map<String, Long> byReason,
            long ratings, long users, int movies, ColdStart coldStart) {
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("source", range.lineage());
        lineage.put("eventsByKind", byKind);
        lineage.put("rejectedByReason", byReason);
        lineage.put("counts", Map.of("ratings", ratings, "users", users, "movies", movies));
        lineage.put("model", Map.of("kind", "als-explicit", "rank", config.alsRank(), "regParam", config.alsRegParam(),
                "maxIter", config.alsMaxIter(), "seed", config.alsSeed()));
        lineage.put("coldStart", Map.of("formula", "imdb-weighted-rating", "minVotes", coldStart.minVotes(),
                "meanRating", coldStart.meanRating()));
        lineage.put("ratingScale", Map.of("min", config.ratingMin(), "max", config.ratingMax()));
        lineage.put("sparkMaster", config.sparkMaster());
        lineage.put("codeVersion", codeVersion());
        lineage.put("finishedAt", Instant.now().toString());
        return lineage;
    }

    private static String codeVersion() {
        String v = NightlyJob.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
