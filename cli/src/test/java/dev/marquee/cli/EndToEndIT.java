package dev.marquee.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.JobResult;
import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.config.ModelSettings;
import dev.marquee.devkit.replay.RatingScale;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import dev.marquee.serving.RecommendApp;
import dev.marquee.serving.VersionManager;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.Datasets;
import dev.marquee.testkit.Http;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.SparkExtension;
import io.javalin.Javalin;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension
    static final SparkExtension SPARK = new SparkExtension();
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SPARK.session();
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
            Await.until("the service to open v000002 by itself", Duration.ofSeconds(15), () -> s.get("/readyz").body().equals("ready v000002"));
            assertFalse(s.recommend(u).contains(firstPick), "a movie the user just rated is not recommended again");
            s.checkUsers(s.busiestUsers(5));
        }
    }

    @Test
    void movieTweetingsEndToEnd() throws Exception {
        Path dir = Datasets.require("movietweetings-100k", "ratings.dat");
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
            KAFKA.broker().createTopic(topic, 2);
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
            KAFKA.produce(topic, all);
        }

        void runBatch(String expectedVersion) {
            BatchConfig config = config(KAFKA.bootstrapServers(), topic, layout.root().resolveSibling(topic + "-lake"),
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
            return Http.get(app.port(), path);
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

    /** The test-sized nightly config ({@link BatchSettings#smallModels()}) with {@code more} over it. */
    static BatchConfig config(String bootstrap, String topic, Path lake, Path store, RatingScale scale,
            Map<String, Object> more) {
        return BatchSettings.at(lake, store).kafka(bootstrap, topic).ratings(scale.min(), scale.max()).smallModels()
                .set(more).load(BatchConfig::load);
    }
}
