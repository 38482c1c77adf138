package dev.marquee.batch.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The batch job's configuration, parsed once from {@code marquee.batch} and validated.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic the platform's log topic
 * @param storeRoot the store root shared with the service
 * @param lakeRoot the job's event lake, quarantine, ledger and reports
 * @param sparkMaster Spark master URL
 * @param parallelism shuffle partitions and ALS blocks; 0 means size from the cores
 * @param sparkUi whether Spark's web UI runs
 * @param ratingMin lowest valid rating
 * @param ratingMax highest valid rating
 * @param validation the expectations every run checks
 * @param als ALS hyperparameters (the base the tuning grids vary)
 * @param models tuning grids, holdout protocol and quality gate
 * @param topN list length per user
 * @param spares spare movies stored after each list, which the service answers in place of movies
 *     the user watched since the version's data was cut (ADR 11)
 * @param coldStartVotesQuantile the quantile of votes per movie used as IMDB's m
 * @param abandonedAfter a version folder without a manifest and untouched this long was abandoned
 *     by a writer (killed, out of disk) and is removed by the next run
 * @param kafkaTimeout how long reading the topic waits for a broker that does not answer before the
 *     run fails
 * @param kafkaConsumer Kafka consumer settings for the nightly read ({@code kafka.consumer}: security,
 *     fetch sizes), given to Spark's Kafka source as {@code kafka.<key>}
 * @param trainWindowDays a night trains on the events of this many days before the lake's latest
 *     one (0: every event)
 * @param lakeRetentionDays runs whose events are all older than this many days before the lake's
 *     latest event are retired from the lake (0: keep everything)
 * @param progressEvery while a phase runs, a progress line this often (zero: none)
 * @param pushgateway the Prometheus Pushgateway URL each run pushes its figures to when it ends; empty:
 *     no push
 * @param online the answers topic and online evaluation
 * @param drift how each night's data is compared with the previous nights'
 */
public record BatchConfig(
        String bootstrapServers,
        String topic,
        Path storeRoot,
        Path lakeRoot,
        String sparkMaster,
        int parallelism,
        boolean sparkUi,
        int ratingMin,
        int ratingMax,
        Validation validation,
        AlsParams als,
        ModelSettings models,
        int topN,
        int spares,
        double coldStartVotesQuantile,
        java.time.Duration abandonedAfter,
        java.time.Duration kafkaTimeout,
        Map<String, String> kafkaConsumer,
        int trainWindowDays,
        int lakeRetentionDays,
        java.time.Duration progressEvery,
        String pushgateway,
        OnlineSettings online,
        DriftSettings drift) {

    public BatchConfig {
        require(!bootstrapServers.isBlank(), "kafka.bootstrap-servers is empty");
        require(!topic.isBlank(), "kafka.topic is empty");
        require(ratingMin < ratingMax, "rating.min must be below rating.max");
        require(topN > 0 && topN <= 1000, "recommend.top-n must be in 1..1000");
        require(spares >= 0 && topN + spares <= 1000, "recommend.spares must be 0 or positive, with top-n at most 1000");
        require(parallelism >= 0, "spark.parallelism must be 0 (auto) or positive");
        require(coldStartVotesQuantile >= 0 && coldStartVotesQuantile < 1, "cold-start.min-votes-quantile must be in [0,1)");
        require(!abandonedAfter.isNegative(), "store.abandoned-after must not be negative");
        require(kafkaTimeout.toMillis() >= 100, "kafka.timeout must be at least 100ms");
        kafkaConsumer = Map.copyOf(kafkaConsumer);
        for (String key : kafkaConsumer.keySet()) {
            require(!SPARK_OWNED_CONSUMER_KEYS.contains(key), "kafka.consumer." + key
                    + " cannot be set: Spark's Kafka source sets it itself (offsets come from the ingestion ledger)");
        }
        require(trainWindowDays >= 0, "train.window-days must be 0 (every event) or positive");
        require(lakeRetentionDays >= 0, "lake.retention-days must be 0 (keep everything) or positive");
        require(pushgateway.isBlank() || pushgateway.strip().matches("https?://[^/\\s]+.*"),
                "metrics.pushgateway must be empty (no push) or an http(s):// URL");
        require(!progressEvery.isNegative(), "progress.every must be 0 (no progress lines) or positive");
        require(online != null, "online settings missing");
        require(!online.answersTopic().equals(topic), "kafka.answers-topic must differ from kafka.topic");
        require(lakeRetentionDays == 0 || (trainWindowDays > 0 && lakeRetentionDays >= trainWindowDays),
                "lake.retention-days must keep at least train.window-days (and needs a training window)");
    }

    /** Consumer keys Spark's Kafka source refuses or owns. */
    private static final java.util.Set<String> SPARK_OWNED_CONSUMER_KEYS = java.util.Set.of("group.id",
            "auto.offset.reset", "key.deserializer", "value.deserializer", "enable.auto.commit", "interceptor.classes",
            "bootstrap.servers");

    private static Map<String, String> consumerSettings(Config section) {
        Map<String, String> out = new java.util.TreeMap<>();
        section.entrySet().forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
        return out;
    }

    /** Reads {@code marquee.batch} from a resolved config (reference.conf supplies every default). */
    public static BatchConfig load(Config root) {
        Config c = root.getConfig("marquee.batch");
        return new BatchConfig(
                c.getString("kafka.bootstrap-servers"),
                c.getString("kafka.topic"),
                Path.of(c.getString("store.root")),
                Path.of(c.getString("lake.root")),
                c.getString("spark.master"),
                c.getInt("spark.parallelism"),
                c.getBoolean("spark.ui"),
                c.getInt("rating.min"),
                c.getInt("rating.max"),
                Validation.load(c.getConfig("validation")),
                AlsParams.load(c.getConfig("als")),
                ModelSettings.load(c),
                c.getInt("recommend.top-n"),
                c.getInt("recommend.spares"),
                c.getDouble("cold-start.min-votes-quantile"),
                c.getDuration("store.abandoned-after"),
                c.getDuration("kafka.timeout"),
                consumerSettings(c.getConfig("kafka.consumer")),
                c.getInt("train.window-days"),
                c.getInt("lake.retention-days"),
                c.getDuration("progress.every"),
                c.getString("metrics.pushgateway"),
                OnlineSettings.load(c),
                DriftSettings.load(c.getConfig("drift")));
    }

    /** The configuration as plain values, for the manifest's lineage (nothing here is secret). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topic", topic);
        m.put("storeRoot", storeRoot.toString());
        m.put("lakeRoot", lakeRoot.toString());
        m.put("sparkMaster", sparkMaster);
        m.put("parallelism", parallelism);
        m.put("trainWindowDays", trainWindowDays);
        m.put("lakeRetentionDays", lakeRetentionDays);
        m.put("ratingScale", Map.of("min", ratingMin, "max", ratingMax));
        m.put("validation", Map.of(
                "maxRejectedShare", validation.maxRejectedShare(),
                "maxUserId", validation.maxUserId(),
                "platformStart", validation.platformStart().toString(),
                "platformZone", validation.platformZone().getId(),
                "futureTolerance", validation.futureTolerance().toString(),
                "volume", Map.of("minHistory", validation.volumeMinHistory(), "history", validation.volumeHistory(),
                        "minFactor", validation.volumeMinFactor(), "maxFactor", validation.volumeMaxFactor())));
        m.put("als", Map.of("rank", als.rank(), "regParam", als.regParam(), "maxIter", als.maxIter(), "seed", als.seed(),
                "alpha", als.alpha()));
        m.putAll(models.describe());
        m.put("online", Map.of("answersTopic", online.answersTopic(), "enabled", online.enabled(),
                "window", online.window().toString()));
        m.put("topN", topN);
        m.put("spares", spares);
        m.put("coldStartVotesQuantile", coldStartVotesQuantile);
        m.put("drift", drift.describe());
        return m;
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("marquee.batch: " + message);
        }
    }
}
