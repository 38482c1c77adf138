package dev.marquee.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The batch job's configuration for a test: reference.conf with test-sized settings (store and
 * lake under one folder, {@code local[2]}, parallelism 4, no broker) and the test's own keys over
 * it. Keys are the full config paths ({@code marquee.batch....}), as in reference.conf and
 * {@code --set}. Finish with {@code .load(BatchConfig::load)}.
 */
public final class BatchSettings {

    private final Map<String, Object> values = new HashMap<>();

    private BatchSettings(Path root) {
        values.put("marquee.batch.kafka.bootstrap-servers", "127.0.0.1:1");
        values.put("marquee.batch.store.root", root.resolve("store").toString());
        values.put("marquee.batch.lake.root", root.resolve("lake").toString());
        values.put("marquee.batch.spark.master", "local[2]");
        values.put("marquee.batch.spark.parallelism", 4);
    }

    /** Store under {@code root/store}, lake under {@code root/lake}. */
    public static BatchSettings under(Path root) {
        return new BatchSettings(root);
    }

    /** Lake and store in folders of their own. */
    public static BatchSettings at(Path lake, Path store) {
        return new BatchSettings(lake.resolveSibling("unused")).folders(lake, store);
    }

    /** For tests that never read Kafka nor write a store: everything under {@code target/unused}. */
    public static BatchSettings unused() {
        return new BatchSettings(Path.of("target/unused"));
    }

    /** The broker and topic to ingest from. */
    public BatchSettings kafka(String bootstrapServers, String topic) {
        values.put("marquee.batch.kafka.bootstrap-servers", bootstrapServers);
        values.put("marquee.batch.kafka.topic", topic);
        return this;
    }

    /** The lake and store folders, when they are not siblings under one root. */
    public BatchSettings folders(Path lake, Path store) {
        values.put("marquee.batch.lake.root", lake.toString());
        values.put("marquee.batch.store.root", store.toString());
        return this;
    }

    /** The rating scale of the log's rate lines. */
    public BatchSettings ratings(int min, int max) {
        values.put("marquee.batch.rating.min", min);
        values.put("marquee.batch.rating.max", max);
        return this;
    }

    /**
     * A test-sized model contest: popularity, decayed popularity, EASE and implicit ALS with one or
     * two points per grid, 20 judged users, and a gate margin that lets every new version through
     * (the gate has its own test, with a real margin).
     */
    public BatchSettings smallModels() {
        values.put("marquee.batch.models.candidates", List.of("popularity", "decayed-popularity", "ease", "als-implicit"));
        values.put("marquee.batch.models.als-implicit.rank", 16);
        values.put("marquee.batch.models.als-implicit.reg-param", 1.0);
        values.put("marquee.batch.models.als-implicit.alpha", 10.0);
        values.put("marquee.batch.models.als-implicit.max-iter", 8);
        values.put("marquee.batch.models.decayed-popularity.half-life-days", List.of(1.0, 8.0));
        values.put("marquee.batch.models.item-knn.neighbours", 50);
        values.put("marquee.batch.models.item-knn.shrink", 10.0);
        values.put("marquee.batch.models.ease.lambda", 100.0);
        values.put("marquee.batch.eval.min-users", 20);
        values.put("marquee.batch.gate.ndcg-margin", 1.0);
        return this;
    }

    /** One key (full path) set to a value as reference.conf would hold it (a number, string, list). */
    public BatchSettings set(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Several keys at once. */
    public BatchSettings set(Map<String, ?> more) {
        values.putAll(more);
        return this;
    }

    /**
     * These keys as JVM flags ({@code -Dkey=value}; a list as {@code -Dkey.0=a -Dkey.1=b}, which
     * Typesafe Config reads back as a list): the same configuration for a job run in a child JVM.
     */
    public List<String> jvmFlags() {
        List<String> flags = new java.util.ArrayList<>();
        values.forEach((key, value) -> {
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    flags.add("-D" + key + "." + i + "=" + list.get(i));
                }
            } else {
                flags.add("-D" + key + "=" + value);
            }
        });
        return flags;
    }

    /** The resolved configuration: these keys over reference.conf. */
    public Config config() {
        return ConfigFactory.parseMap(values).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    /** {@link #config()} handed to the job's loader, e.g. {@code BatchConfig::load}. */
    public <T> T load(Function<Config, T> loader) {
        return loader.apply(config());
    }
}
