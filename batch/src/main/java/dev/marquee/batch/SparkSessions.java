package dev.marquee.batch;

import org.apache.spark.sql.SparkSession;

/** Builds the job's SparkSession, sized from the cores it gets (stack.md: 200 partitions on 2 cores is slow). */
public final class SparkSessions {
    private SparkSessions() {}

    /** Creates (or reuses) a session for the configured master. */
    public static SparkSession create(BatchConfig config) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("marquee-nightly")
                .master(config.sparkMaster())
                .config("spark.ui.enabled", config.sparkUi())
                .config("spark.sql.adaptive.enabled", true)
                .config("spark.metrics.conf.*.sink.servlet.class", HeadlessMetricsServlet.class.getName());
        if (config.sparkMaster().startsWith("local")) {
            builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
        }
        SparkSession spark = builder.getOrCreate();
        int parallelism = parallelism(config, spark);
        spark.conf().set("spark.sql.shuffle.partitions", parallelism);
        return spark;
    }

    /** Partitions and ALS blocks: the configured figure, or twice the cores Spark reports. */
    public static int parallelism(BatchConfig config, SparkSession spark) {
        if (config.parallelism() > 0) {
            return config.parallelism();
        }
        return Math.max(2, spark.sparkContext().defaultParallelism() * 2);
    }
}
