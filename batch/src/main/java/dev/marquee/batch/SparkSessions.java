package dev.marquee.batch;

import dev.marquee.batch.config.BatchConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the job's SparkSession, sized from the cores it gets (stack.md: 200 partitions on 2 cores is slow). */
public final class SparkSessions {
    /** System property naming the checkpoint directory (on a cluster: a path every executor shares). */
    public static final String CHECKPOINT_DIR_PROPERTY = "marquee.spark.checkpoint-dir";
    /** Environment variable naming the checkpoint directory, read when the system property is unset. */
    public static final String CHECKPOINT_DIR_ENV = "MARQUEE_SPARK_CHECKPOINT_DIR";
    /**
     * The driver's metrics servlet sink, {@link HeadlessMetricsServlet}. The driver's only: an executor
     * loads its sinks before it fetches the job's jars ({@code spark.jars}), so on a cluster a sink of the
     * job's for every instance ({@code spark.metrics.conf.*...}) kills each executor at start (SparkClusterIT).
     */
    public static final String METRICS_SINK_KEY = "spark.metrics.conf.driver.sink.servlet.class";
    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

    private SparkSessions() {}

    /** Creates (or reuses) a session for the configured master, with a checkpoint directory. */
    public static SparkSession create(BatchConfig config) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("marquee-nightly")
                .master(config.sparkMaster())
                .config("spark.ui.enabled", config.sparkUi())
                .config("spark.sql.adaptive.enabled", true)
                // the job writes its own progress lines (Progress); Spark's console bar would mix in
                .config("spark.ui.showConsoleProgress", false)
                .config(METRICS_SINK_KEY, HeadlessMetricsServlet.class.getName());
        if (config.sparkMaster().startsWith("local")) {
            builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
        }
        SparkSession spark = builder.getOrCreate();
        int parallelism = parallelism(config, spark);
        spark.conf().set("spark.sql.shuffle.partitions", parallelism);
        ensureCheckpointDir(spark);
        return spark;
    }

    /**
     * Gives {@code spark} a checkpoint directory unless it has one. Iterative jobs (ALS checkpoints its
     * factors every {@code checkpointInterval} iterations, but only with a directory) otherwise grow
     * their lineage until serialising a task overflows the stack. The directory is
     * {@value #CHECKPOINT_DIR_PROPERTY} or {@value #CHECKPOINT_DIR_ENV} if set, else a fresh folder
     * under {@code java.io.tmpdir}, deleted when the JVM exits.
     */
    public static void ensureCheckpointDir(SparkSession spark) {
        if (spark.sparkContext().getCheckpointDir().isDefined()) {
            return;
        }
        String dir = configuredCheckpointDir();
        if (dir == null) {
            dir = temporaryCheckpointDir().toString();
        }
        spark.sparkContext().setCheckpointDir(dir);
        LOG.info("Spark checkpoint directory: {}", spark.sparkContext().getCheckpointDir().get());
    }

    private static String configuredCheckpointDir() {
        String dir = System.getProperty(CHECKPOINT_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(CHECKPOINT_DIR_ENV);
        }
        return dir == null || dir.isBlank() ? null : dir.strip();
    }

    private static Path temporaryCheckpointDir() {
        try {
            Path dir = Files.createTempDirectory("marquee-spark-checkpoints-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "marquee-checkpoint-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Spark checkpoint directory", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete the checkpoint directory {}: {}", dir, e.toString());
        }
    }

    /** Partitions and ALS blocks: the configured figure, or twice the cores Spark reports. */
    public static int parallelism(BatchConfig config, SparkSession spark) {
        if (config.parallelism() > 0) {
            return config.parallelism();
        }
        return Math.max(2, spark.sparkContext().defaultParallelism() * 2);
    }
}
