package dev.marquee.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.JobResult;
import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.config.ModelSettings;
import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.devkit.replay.RatingScale;
import dev.marquee.devkit.replay.TopicProducer;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import dev.marquee.serving.RecommendApp;
import dev.marquee.serving.VersionManager;
import dev.marquee.store.StoreLayout;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path, for real: a KRaft broker, the log in a topic, the nightly job in local Spark,
 * a store version on disk, and the service answering over TCP.
 */
class EndToEndIT {
    private static final List<String> JUNK = List.of("abc", "-1", "1.5", "99999999999999999999", "9223372036854775808",
            "%31", "1%20", "+1", "0x10", "1e3", "%00", "");
    private static final long UNKNOWN_USER = 987_654_321_012L;

    @TempDir
    static Path tmp;
    private static LocalKafka kafka;
    private static SparkSession spark;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        kafka = LocalKafka.start(tmp.resolve("kafka"));
        spark = SparkSessions.create(config("unused", "unused", tmp.resolve("unused"), tmp.resolve("unused"), new RatingScale(1, 5)));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void syntheticPlatformEndToEndWithASecondVersionPickedUp() throws Exception {
        LogSource source = LogSource.of(null);
        try (Scenario s = new Scenario("synthetic", source)) {
            // Every candidate competes here, as in production.
            s.models = Map.of("marquee.batch.models.candidates", ModelSettings.KNOWN);
            // Garbage in the stream is counted by reason and kept out of the model.
            s.produce(List.of("not a log line", "2025-02-30T10:00:00,1,GET /rate/x+2000=3",
                    "2025-01-10T10:00:00,1,GET /rate/" + s.busiestMovie() + "=9").iterator());
            s.publishAndCheck("v000001");
            assertEquals(3L, s.last.rejectedByReason().values().stream().mapToLong(Long::longValue).sum(),
                    "rejected: " + s.last.rejectedByReason());
            assertEquals(1L, s.last.rejectedByReason().get("rating_off_scale"));
            assertEquals(3L, s.last.countsByKind().get("rejected"));

            // Every candidate was evaluated on the test window; the best one was published, with its report.
            dev.marquee.store.Manifest manifest = dev.marquee.store.Manifest.read(
                    s.layout.versionDir("v000001").resolve(dev.marquee.store.Manifest.FILE_NAME));
            Map<?, ?> models = (Map<?, ?>) ((Map<?, ?>) manifest.lineage().get("evaluation")).get("models");
            Set<String> expected = new java.util.HashSet<>(ModelSettings.KNOWN);
            expected.add("published");
            assertEquals(expected, models.keySet());
            double best = models.entrySet().stream().filter(e -> !"published".equals(e.getKey()))
                    .mapToDouble(e -> ((Number) ((Map<?, ?>) ((Map<?, ?>) e.getValue()).get("ranking")).get("ndcg")).doubleValue())
                    .max().orElseThrow();
            assertEquals(best, s.last.ndcg(), 1e-12, "the published model is the best on the test window");
            assertTrue(Files.exists(s.layout.versionDir("v000001").resolve(dev.marquee.batch.NightlyJob.REPORT_FILE)));

            // A second night: user u rates the first movie of their list; the new version must drop it.
            long u = s.busiestUsers(1).get(0);
            String firstPick = s.recommend(u).get(0);
            String line = "2025-03-15T10:00:00," + u + ",GET /rate/" + firstPick + "=5";
            s.produce(List.of(line).iterator());
            s.runBatch("v000002");
            waitFor(() -> s.get("/readyz").body().equals("ready v000002"), "the service to open v000002 by itself");
            assertFalse(s.recommend(u).contains(firstPick), "a movie the user just rated is not recommended again");
            s.checkUsers(s.busiestUsers(5));
        }
    }

    @Test
    void movieTweetingsEndToEnd() throws Exception {
        Path dir = Path.of(System.getProperty("marquee.shared.dir", "../shared"), "datasets", "movietweetings-100k");
        Assumptions.assumeTrue(Files.isDirectory(dir), "MovieTweetings is not beside the checkout: " + dir);
        LogSource source = LogSource.of(dir);
        assertEquals(new RatingScale(0, 10), source.scale());
        try (Scenario s = new Scenario("movietweetings", source)) {
            s.publishAndCheck("v000001");
        }
    }

    /** One topic, one store, one service: the log produced, then nights run against it. */
    private static final class Scenario implements AutoCloseable {
        private final String topic;
        private final LogSource source;
        private final StoreLayout layout;
        private final VersionManager versions;
        private final Javalin app;
        private final Map<Long, Set<String>> seen = new HashMap<>();
        private final Map<Long, Integer> ratings = new HashMap<>();
        private JobResult last;
        private Map<String, Object> models = Map.of();

        Scenario(String name, LogSource source) {
            this.topic = "movielog-" + name;
            this.source = source;
            this.layout = new StoreLayout(tmp.resolve("store-" + name));
            kafka.createTopic(topic, 2);
            produce(source.lines());
            versions = new VersionManager(layout, Duration.ofMillis(100));
            versions.start();
            app = new RecommendApp(versions).create().start("127.0.0.1", 0);
        }

        void produce(Iterator<String> lines) {
            List<String> all = new ArrayList<>();
            lines.forEachRemaining(all::add);
            for (String line : all) {
                if (EventParser.parse(line) instanceof Parsed p) {
                    if (p.event() instanceof RateEvent r && r.rating() >= source.scale().min()
                            && r.rating() <= source.scale().max()) {
                        seen.computeIfAbsent(r.userId(), k -> new HashSet<>()).add(r.movieId());
                        ratings.merge(r.userId(), 1, Integer::sum);
                    } else if (p.event() instanceof WatchEvent w) {
                        seen.computeIfAbsent(w.userId(), k -> new HashSet<>()).add(w.movieId());
                    }
                }
            }
            assertEquals(all.size(), TopicProducer.produce(kafka.bootstrapServers(), topic, all.iterator()));
        }

        void runBatch(String expectedVersion) {
            BatchConfig config = config(kafka.bootstrapServers(), topic, layout.root().resolveSibling(topic + "-lake"),
                    layout.root(), source.scale(), models);
            last = new NightlyJob(spark, config).run();
            assertEquals(expectedVersion, last.versionId());
            assertEquals(expectedVersion, layout.current().orElseThrow());
        }

        void publishAndCheck(String version) throws Exception {
            assertEquals(503, get("/recommend/1").statusCode(), "no version yet");
            assertEquals(503, get("/readyz").statusCode());
            assertEquals(200, get("/healthz").statusCode());

            runBatch(version);
            versions.checkNow();
            HttpResponse<String> ready = get("/readyz");
            assertEquals(200, ready.statusCode());
            assertEquals("ready " + version, ready.body());

            List<Long> users = new ArrayList<>(busiestUsers(5));
            List<Long> everyone = new ArrayList<>(ratings.keySet());
            everyone.sort(null);
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < 5; i++) {
                users.add(everyone.get(random.nextInt(everyone.size())));
            }
            checkUsers(users);

            HttpResponse<String> cold = get("/recommend/" + UNKNOWN_USER);
            assertEquals(200, cold.statusCode());
            assertFalse(last.coldStart().isEmpty());
            assertEquals(String.join(",", last.coldStart()), cold.body(), "unknown users get the cold-start list");
            assertTrue(source.movies().containsAll(last.coldStart()));

            for (String junk : JUNK) {
                HttpResponse<String> bad = get("/recommend/" + junk);
                assertEquals(400, bad.statusCode(), "junk id '" + junk + "'");
                assertFalse(bad.body().isBlank());
                assertFalse(bad.body().contains("\n"), "one-line reason for '" + junk + "': " + bad.body());
            }
            assertEquals(400, get("/recommend").statusCode());
        }

        void checkUsers(List<Long> users) throws Exception {
            for (long user : users) {
                HttpResponse<String> r = get("/recommend/" + user);
                assertEquals(200, r.statusCode());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
                String body = r.body();
                assertFalse(body.contains(" ") || body.endsWith("\n") || body.endsWith(","), body);
                List<String> ids = Arrays.asList(body.split(","));
                assertEquals(20, ids.size(), "user " + user + ": " + body);
                assertEquals(20, new HashSet<>(ids).size(), "distinct ids for user " + user);
                for (String id : ids) {
                    assertFalse(seen.getOrDefault(user, Set.of()).contains(id), "user " + user + " already saw " + id);
                    assertTrue(source.movies().contains(id), id + " is not in the catalogue");
                }
                // a personal model answers busy users with their own list; a global ranking (decayed
                // popularity can win on a log where recency is most of the signal) may coincide with
                // the cold-start list for a user who saw none of its top 20
                boolean personal = !Set.of("popularity", "decayed-popularity").contains(last.model());
                assertFalse(personal && body.equals(String.join(",", last.coldStart())) && ratings.get(user) > 20,
                        "user " + user + " got the cold-start list instead of a personal one from " + last.model());
            }
        }

        String busiestMovie() {
            Map<String, Integer> counts = new HashMap<>();
            seen.values().forEach(movies -> movies.forEach(m -> counts.merge(m, 1, Integer::sum)));
            return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }

        List<Long> busiestUsers(int n) {
            return ratings.entrySet().stream()
                    .sorted(Map.Entry.<Long, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(n).map(Map.Entry::getKey).toList();
        }

        List<String> recommend(long user) throws Exception {
            HttpResponse<String> r = get("/recommend/" + user);
            assertEquals(200, r.statusCode());
            return Arrays.asList(r.body().split(","));
        }

        HttpResponse<String> get(String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() {
            app.stop();
            versions.close();
        }
    }

    static BatchConfig config(String bootstrap, String topic, Path lake, Path store, RatingScale scale) {
        return config(bootstrap, topic, lake, store, scale, Map.of());
    }

    /**
     * A test-sized config: one point per tuning grid, and a gate margin that lets every new
     * version through (the gate has its own test, with the real margin).
     */
    static BatchConfig config(String bootstrap, String topic, Path lake, Path store, RatingScale scale,
            Map<String, Object> more) {
        Map<String, Object> overrides = new java.util.HashMap<>(Map.of(
                "marquee.batch.lake.root", lake.toString(),
                "marquee.batch.kafka.bootstrap-servers", bootstrap,
                "marquee.batch.kafka.topic", topic,
                "marquee.batch.store.root", store.toString(),
                "marquee.batch.spark.master", "local[2]",
                "marquee.batch.rating.min", scale.min(),
                "marquee.batch.rating.max", scale.max()));
        overrides.putAll(Map.of(
                "marquee.batch.models.candidates", List.of("popularity", "decayed-popularity", "ease", "als-implicit"),
                "marquee.batch.models.als-implicit.rank", 16,
                "marquee.batch.models.als-implicit.reg-param", 1.0,
                "marquee.batch.models.als-implicit.alpha", 10.0,
                "marquee.batch.models.als-implicit.max-iter", 8,
                "marquee.batch.eval.min-users", 20,
                "marquee.batch.gate.ndcg-margin", 1.0));
        // test-sized grids: one or two points each
        overrides.putAll(Map.of(
                "marquee.batch.models.decayed-popularity.half-life-days", List.of(1.0, 8.0),
                "marquee.batch.models.item-knn.neighbours", 50,
                "marquee.batch.models.item-knn.shrink", 10.0,
                "marquee.batch.models.ease.lambda", 100.0));
        overrides.putAll(more);
        return BatchConfig.load(ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.defaultReference()).resolve());
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
