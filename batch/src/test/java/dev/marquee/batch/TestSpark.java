package dev.marquee.batch;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.config.BatchConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** A small local Spark session and configs for the batch tests. */
public final class TestSpark {
    private TestSpark() {}

    /** A config with test-sized settings; {@code overrides} are full keys under marquee.batch. */
    public static BatchConfig config(String bootstrap, Path root, Map<String, Object> overrides) {
        Map<String, Object> base = new HashMap<>(Map.of(
                "marquee.batch.kafka.bootstrap-servers", bootstrap,
                "marquee.batch.store.root", root.resolve("store").toString(),
                "marquee.batch.lake.root", root.resolve("lake").toString(),
                "marquee.batch.spark.master", "local[2]",
                "marquee.batch.spark.parallelism", 4));
        base.putAll(overrides);
        return BatchConfig.load(ConfigFactory.parseMap(base).withFallback(ConfigFactory.defaultReference()).resolve());
    }

    /** A local[2] session for tests. */
    public static SparkSession session(BatchConfig config) {
        return SparkSessions.create(config);
    }
}
