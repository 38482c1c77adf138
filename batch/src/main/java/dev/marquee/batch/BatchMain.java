package dev.marquee.batch;

import com.typesafe.config.ConfigFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one nightly job with the configuration from reference.conf, the environment and -D flags. */
public final class BatchMain {
    private static final Logger LOG = LoggerFactory.getLogger(BatchMain.class);

    private BatchMain() {}

    public static void main(String[] args) {
        System.exit(run(BatchConfig.load(ConfigFactory.load())));
    }

    /** Runs the job; returns the process exit code (0 published, 1 failed: nothing changed). */
    public static int run(BatchConfig config) {
        LOG.info("batch config: {}", config);
        SparkSession spark = SparkSessions.create(config);
        try {
            JobResult result = new NightlyJob(spark, config).run();
            LOG.info("published version {}: {} users, {} movies, {} ratings in {} s", result.versionId(), result.users(),
                    result.movies(), result.ratings(), result.elapsedMs() / 1000.0);
            return 0;
        } catch (RuntimeException e) {
            LOG.error("nightly run failed, the serving version is unchanged: {}", e.getMessage(), e);
            return 1;
        } finally {
            spark.stop();
        }
    }
}
