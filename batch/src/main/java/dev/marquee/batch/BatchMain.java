package dev.marquee.batch;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.ingest.DataQualityException;
import dev.marquee.batch.ingest.DataReport;
import dev.marquee.batch.metrics.NightFigures;
import dev.marquee.batch.metrics.Pushgateway;
import dev.marquee.batch.models.QualityGateException;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one nightly job with the configuration from reference.conf, the environment and -D flags. */
public final class BatchMain {
    private static final Logger LOG = LoggerFactory.getLogger(BatchMain.class);
    /** Exit code of a published run. */
    public static final int PUBLISHED = 0;
    /** Exit code of a run that failed; nothing was published. */
    public static final int FAILED = 1;
    /** Exit code of a run stopped by its data's quality before training; nothing was published. */
    public static final int STOPPED_BY_DATA = 2;
    /** Exit code of a run whose model the quality gate refused; nothing was published. */
    public static final int REFUSED_BY_GATE = 3;

    private BatchMain() {}

    public static void main(String[] args) {
        System.exit(run(BatchConfig.load(ConfigFactory.load())));
    }

    /** Runs the job in a session of its own. */
    public static int run(BatchConfig config) {
        LOG.info("batch config: {}", config);
        SparkSession spark = SparkSessions.create(config);
        try {
            return run(spark, config);
        } finally {
            spark.stop();
        }
    }

    /**
     * Runs the job in {@code spark}; returns the process exit code. When it ends, published or not, its
     * figures go to the Pushgateway of {@code marquee.batch.metrics.pushgateway} (if set; a failed push
     * is a warning).
     */
    public static int run(SparkSession spark, BatchConfig config) {
        NightFigures figures = new NightFigures();
        long started = System.nanoTime();
        int code = FAILED;
        try {
            code = run(spark, config, figures);
            return code;
        } finally {
            figures.outcome(code, code == PUBLISHED, (System.nanoTime() - started) / 1e9, Instant.now());
            Pushgateway.pushQuietly(config.pushgateway(), figures);
        }
    }

    private static int run(SparkSession spark, BatchConfig config, NightFigures figures) {
        try {
            JobResult result = new NightlyJob(spark, config).figures(figures).run();
            LOG.info("published version {}: {} users, {} movies, {} ratings in {} s", result.versionId(), result.users(),
                    result.movies(), result.ratings(), result.elapsedMs() / 1000.0);
            return PUBLISHED;
        } catch (DataQualityException e) {
            DataReport report = e.report();
            figures.rows(report.records(), report.rejected(), report.rejectedByReason());
            LOG.error("{}; the serving version is unchanged, nothing was committed; report: {}", e.getMessage(),
                    config.lakeRoot().resolve("_reports"));
            return STOPPED_BY_DATA;
        } catch (QualityGateException e) {
            LOG.error("{}; evaluation report under {}", e.getMessage(), config.lakeRoot().resolve("_reports"));
            return REFUSED_BY_GATE;
        } catch (RuntimeException e) {
            LOG.error("nightly run failed, the serving version is unchanged: {}", e.getMessage(), e);
            return FAILED;
        }
    }
}
