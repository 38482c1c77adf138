package dev.marquee.batch;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * The batch job's configuration, parsed once from {@code marquee.batch} and validated.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic the platform's log topic
 * @param storeRoot the store root shared with the service
 * @param sparkMaster Spark master URL
 * @param parallelism shuffle partitions and ALS blocks; 0 means size from the cores
 * @param sparkUi whether Spark's web UI runs
 * @param ratingMin lowest valid rating
 * @param ratingMax highest valid rating
 * @param alsRank ALS rank
 * @param alsRegParam ALS regularisation
 * @param alsMaxIter ALS iterations
 * @param alsSeed ALS seed
 * @param topN list length per user
 * @param coldStartVotesQuantile the quantile of votes per movie used as IMDB's m
 */
public record BatchConfig(
        String bootstrapServers,
        String topic,
        Path storeRoot,
        String sparkMaster,
        int parallelism,
        boolean sparkUi,
        int ratingMin,
        int ratingMax,
        int alsRank,
        double alsRegParam,
        int alsMaxIter,
        long alsSeed,
        int topN,
        double coldStartVotesQuantile) {

    public BatchConfig {
        require(!bootstrapServers.isBlank(), "kafka.bootstrap-servers is empty");
        require(!topic.isBlank(), "kafka.topic is empty");
        require(ratingMin < ratingMax, "rating.min must be below rating.max");
        require(alsRank > 0 && alsMaxIter > 0 && alsRegParam >= 0, "als.rank and als.max-iter must be positive, als.reg-param not negative");
        require(topN > 0 && topN <= 1000, "recommend.top-n must be in 1..1000");
        require(parallelism >= 0, "spark.parallelism must be 0 (auto) or positive");
        require(coldStartVotesQuantile >= 0 && coldStartVotesQuantile < 1, "cold-start.min-votes-quantile must be in [0,1)");
    }

    /** Reads {@code marquee.batch} from a resolved config (reference.conf supplies every default). */
    public static BatchConfig load(Config root) {
        Config c = root.getConfig("marquee.batch");
        return new BatchConfig(
                c.getString("kafka.bootstrap-servers"),
                c.getString("kafka.topic"),
                Path.of(c.getString("store.root")),
                c.getString("spark.master"),
                c.getInt("spark.parallelism"),
                c.getBoolean("spark.ui"),
                c.getInt("rating.min"),
                c.getInt("rating.max"),
                c.getInt("als.rank"),
                c.getDouble("als.reg-param"),
                c.getInt("als.max-iter"),
                c.getLong("als.seed"),
                c.getInt("recommend.top-n"),
                c.getDouble("cold-start.min-votes-quantile"));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("marquee.batch: " + message);
        }
    }
}
