package dev.marquee.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.JobResult;
import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.LocalSparkCluster;
import dev.marquee.testkit.SparkHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.status.api.v1.ExecutorSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The nightly job on a real Spark standalone cluster (a master and two workers of one core each, child
 * JVMs on 127.0.0.1, executors launched from a Spark home that holds only a Spark distribution's jars):
 * its published lists equal those of a {@code local[2]} night on the same log, and so does every candidate's
 * evaluation. The job's own jars reach the executors through {@code spark.jars}, as {@code spark-submit
 * --jars} ships them (docs/deploy.md). Nothing beyond the job's settings makes the two nights agree: both
 * use {@code parallelism} 4 (BatchSettings), so ALS has the same blocks, whose factors it seeds per block
 * from the seed, and every sampling in the job is a seeded hash of ids, not of partitions; scores differ
 * by float rounding only (summation order).
 */
class SparkClusterIT {
    /** What executors need beyond a Spark distribution: the job and the Kafka connector (docs/deploy.md's --jars). */
    static final String[] EXECUTOR_JARS = {"marquee-batch", "marquee-events", "marquee-store", "config",
        "spark-sql-kafka-0-10_2.13", "spark-token-provider-kafka-0-10_2.13", "kafka-clients", "commons-pool2"};
    private static final int USERS = 1200;
    private static final Path DIR = Path.of("target", "spark-cluster-it").toAbsolutePath();
    /** Ingestion's "now": after the synthetic log's last day, the same for both nights. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-15T00:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    private static LocalSparkCluster cluster;
    private static SparkHome home;
    private static String topic;

    @BeforeAll
    static void start() throws Exception {
        deleteTree(DIR);
        home = SparkHome.build(DIR.resolve("spark-home"), servletApiOfSpark());
        cluster = LocalSparkCluster.start(home, DIR.resolve("spark"), 2, 1, 1536, Duration.ofSeconds(90));
        List<String> log = new ArrayList<>();
        SyntheticPlatform.generate(new SynthConfig(USERS, 400, 8, 30, 11L)).lines().forEachRemaining(log::add);
        topic = KAFKA.topic("movielog", 2, log);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aNightOnTheClusterPublishesTheListsOfALocalNight() throws Exception {
        Map<String, String> clusterConf = new LinkedHashMap<>();
        clusterConf.put("spark.jars", home.classpathJars(EXECUTOR_JARS).stream().map(Path::toString)
                .collect(Collectors.joining(",")));
        clusterConf.put("spark.executor.memory", "1g");
        clusterConf.put("spark.executor.cores", "1");
        clusterConf.put("spark.cores.max", "2");
        clusterConf.put("spark.executor.extraJavaOptions", JavaModuleOptions.defaultModuleOptions());
        clusterConf.put("spark.driver.host", "127.0.0.1");
        clusterConf.put("spark.driver.bindAddress", "127.0.0.1");
        clusterConf.put("spark.executor.metrics.pollingInterval", "500ms");

        Night onCluster = night("night-on-cluster", cluster.masterUrl(), clusterConf);
        Night local = night("night-local", "local[2]", Map.of());

        assertEquals(local.result.model(), onCluster.result.model(), "the same model wins");
        assertEquals(local.result.users(), onCluster.result.users());
        assertEquals(local.result.ratings(), onCluster.result.ratings());
        assertEquals(local.result.coldStart(), onCluster.result.coldStart());
        // every candidate's metrics on the test window and every tuning point: popularity, EASE and ALS alike
        Map<?, ?> localLineage = lineage(local);
        Map<?, ?> clusterLineage = lineage(onCluster);
        for (String key : List.of("evaluation", "tuning", "coldStart", "counts")) {
            assertClose(localLineage.get(key), clusterLineage.get(key), key);
        }
        double maxDiff = 0;
        int users = 0;
        try (StoreReader a = StoreReader.open(new StoreLayout(local.config.storeRoot()), local.result.versionId());
                StoreReader b = StoreReader.open(new StoreLayout(onCluster.config.storeRoot()), onCluster.result.versionId())) {
            assertArrayEquals(a.coldStart(), b.coldStart());
            for (long user = 1; user <= USERS; user++) {
                byte[] x = a.get(user);
                byte[] y = b.get(user);
                assertEquals(x == null, y == null, "user " + user + " has a list in both or in neither");
                if (x == null) {
                    continue;
                }
                users++;
                assertEquals(a.ids(x), b.ids(y), "user " + user + "'s list");
                float[] sx = a.scores(x);
                float[] sy = b.scores(y);
                for (int i = 0; i < sx.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(sx[i] - sy[i]));
                }
            }
        }
        System.out.printf("cluster night %.1f s, local night %.1f s; model %s; %d users' lists equal, max score diff %.3g;"
                + " memory on the cluster:%s%n", onCluster.result.elapsedMs() / 1000.0, local.result.elapsedMs() / 1000.0,
                local.result.model(), users, maxDiff, onCluster.memory);
        assertEquals(local.result.users(), users, "every user with a list compared");
        assertTrue(maxDiff <= 1e-4, "scores within 1e-4: " + maxDiff);
    }

    private static Map<?, ?> lineage(Night night) {
        Path version = new StoreLayout(night.config.storeRoot()).versionDir(night.result.versionId());
        return Manifest.read(version.resolve(Manifest.FILE_NAME)).lineage();
    }

    /** Equal, numbers within 1e-9, except the fitting times. */
    private static void assertClose(Object expected, Object actual, String path) {
        if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
            assertEquals(a.keySet(), b.keySet(), path);
            a.keySet().stream().filter(k -> !"fitSeconds".equals(k))
                    .forEach(k -> assertClose(a.get(k), b.get(k), path + "." + k));
        } else if (expected instanceof List<?> a && actual instanceof List<?> b) {
            assertEquals(a.size(), b.size(), path);
            for (int i = 0; i < a.size(); i++) {
                assertClose(a.get(i), b.get(i), path + "[" + i + "]");
            }
        } else if (expected instanceof Number a && actual instanceof Number b) {
            assertEquals(a.doubleValue(), b.doubleValue(), 1e-9, path);
        } else {
            assertEquals(expected, actual, path);
        }
    }

    private record Night(BatchConfig config, JobResult result, String memory) {}

    /** One night on {@code master} with {@code sparkConf} as system properties (as JAVA_TOOL_OPTIONS would set them). */
    private static Night night(String name, String master, Map<String, String> sparkConf) throws Exception {
        Path root = DIR.resolve(name);
        BatchConfig config = BatchSettings.under(root).kafka(KAFKA.bootstrapServers(), topic).ratings(1, 5).smallModels()
                .set("marquee.batch.spark.master", master).load(BatchConfig::load);
        sparkConf.forEach(System::setProperty);
        System.setProperty(SparkSessions.CHECKPOINT_DIR_PROPERTY, Files.createDirectories(root.resolve("checkpoints")).toString());
        SparkSession spark = SparkSessions.create(config);
        try {
            boolean onCluster = !master.startsWith("local");
            if (onCluster) {
                Await.until("2 executors registered with the driver (else see " + cluster.dir() + "/work-*/app-*/*/stderr)",
                        Duration.ofSeconds(90), () -> spark.sparkContext().getExecutorMemoryStatus().size() == 3);
            }
            JobResult result = new NightlyJob(spark, config).clock(CLOCK).run();
            return new Night(config, result, onCluster ? memory(spark) : "");
        } finally {
            spark.stop();
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
            sparkConf.keySet().forEach(System::clearProperty);
            System.clearProperty(SparkSessions.CHECKPOINT_DIR_PROPERTY);
        }
    }

    /** Peak heap and off-heap per executor and the driver (Spark's executor metrics), and the executors' peak RSS. */
    private static String memory(SparkSession spark) {
        StringBuilder out = new StringBuilder();
        for (ExecutorSummary e : CollectionConverters.asJava(spark.sparkContext().statusStore().executorList(true))) {
            if (e.peakMemoryMetrics().isDefined()) {
                ExecutorMetrics m = e.peakMemoryMetrics().get();
                out.append(String.format(" %s: peak heap %d MiB, off-heap %d MiB;", e.id(),
                        m.getMetricValue("JVMHeapMemory") >> 20, m.getMetricValue("JVMOffHeapMemory") >> 20));
            }
        }
        cluster.executorPeakRss().forEach((pid, bytes) -> out.append(String.format(" executor pid %d peak RSS %d MiB;", pid, bytes >> 20)));
        return out.toString();
    }

    /** The Servlet API jar Spark's own UIs need (pom: spark.servlet.version), which the classpath's pin replaces. */
    private static Path servletApiOfSpark() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target", "spark-home-jars"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith("jakarta.servlet-api-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Servlet API jar in target/spark-home-jars (mvn verify copies it)"));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
