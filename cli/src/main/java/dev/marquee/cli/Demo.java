package dev.marquee.cli;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.JobResult;
import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.SparkSessions;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.devkit.replay.TopicProducer;
import dev.marquee.devkit.sim.ReactConfig;
import dev.marquee.devkit.sim.Reacting;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.serving.Service;
import dev.marquee.serving.ServingConfig;
import dev.marquee.serving.TelemetryConfig;
import dev.marquee.store.StoreLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine: a local broker, the log replayed into the topic, one nightly
 * run in local Spark, the service on {@code 127.0.0.1:port}, and (for the synthetic platform) simulated users
 * who ask it and react to its answers. Closing it stops everything it
 * started, newest first.
 */
final class Demo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("marquee.demo");
    static final String TOPIC = "movielog";
    /** Answers the reacting users ask for before the demo is ready. */
    static final long REACT_ANSWERS = 2_000;
    /** Sessions per simulated hour: 3,000 users, so that the run takes seconds at 60 times real time. */
    private static final double REACT_SESSIONS_PER_HOUR = 20_000;

    private final Path workDir;
    private final int port;
    private final long started = System.nanoTime();
    private LocalKafka kafka;
    private Service service;

    Demo(Path workDir, int port) {
        this.workDir = workDir;
        this.port = port;
    }

    /** What the demo ended up serving. */
    record Ready(String url, long sampleUser, String sampleAnswer, String versionId, double secondsToReady,
            String onlineArgs) {}

    /** Runs every phase and returns once the service answers. */
    Ready start(Path dataset) throws IOException, InterruptedException {
        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        phase("1/5 broker", "starting a local Kafka broker (KRaft)");
        kafka = LocalKafka.start(workDir.resolve("kafka"));
        kafka.createTopic(TOPIC, 2);
        kafka.createTopic(TelemetryConfig.DEFAULT_ANSWERS_TOPIC, 2);
        phase("1/5 broker", "ready at " + kafka.bootstrapServers() + ", topic " + TOPIC);

        LogSource source = LogSource.of(dataset);
        phase("2/5 log", "replaying the " + source.name());
        Map<Long, Integer> ratingsPerUser = new HashMap<>();
        long sent = TopicProducer.produce(kafka.bootstrapServers(), TOPIC, tally(source.lines(), ratingsPerUser));
        phase("2/5 log", sent + " lines in the topic, rating scale " + source.scale().min() + ".." + source.scale().max());

        StoreLayout layout = new StoreLayout(workDir.resolve("store"));
        phase("3/5 service", "starting on 127.0.0.1:" + port + " (503 until a version is published); its answers"
                + " go to the topic as recommendation requests, /metrics in Prometheus format");
        service = Service.start(new ServingConfig("127.0.0.1", port, layout.root(), Duration.ofMillis(500),
                Duration.ZERO, Duration.ofSeconds(5), new TelemetryConfig(true, kafka.bootstrapServers(), TOPIC, 10_000,
                        Duration.ofMillis(100)).withAnswersTopic(TelemetryConfig.DEFAULT_ANSWERS_TOPIC),
                dev.marquee.serving.ArmSplit.parse(AB_SHARES, "demo")));

        phase("4/5 batch", "nightly job in local Spark: ingest, tune and judge every candidate, top-20 for every user, publish");
        JobResult result = runBatch(layout, source);
        phase("4/5 batch", "published " + result.versionId() + ": " + result.model() + " won the holdout with NDCG@20 "
                + String.format("%.4f", result.ndcg()) + "; " + result.users() + " users, " + result.movies()
                + " movies, " + result.ratings() + " ratings, rejected " + result.rejectedByReason());
        phase("4/5 batch", "evaluation report: " + layout.versionDir(result.versionId())
                .resolve(dev.marquee.batch.NightlyJob.REPORT_FILE).toAbsolutePath());

        service.versions().checkNow();
        long user = ratingsPerUser.entrySet().stream()
                .max(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey();
        String url = "http://127.0.0.1:" + service.port() + "/recommend/" + user;
        String answer = get(url);
        if (react(source)) {
            online(layout, source);
        }
        phase("5/5 ready", "serving version " + service.versions().openVersion().orElse("?"));
        String onlineArgs = "--ingest --set marquee.batch.kafka.bootstrap-servers=" + kafka.bootstrapServers()
                + " --set marquee.batch.lake.root=" + workDir.resolve("lake") + " --set marquee.batch.store.root="
                + layout.root() + " --set marquee.batch.online.window=" + ONLINE_WINDOW
                + " --set marquee.batch.rating.min=" + source.scale().min() + " --set marquee.batch.rating.max="
                + source.scale().max();
        return new Ready(url, user, answer, result.versionId(), (System.nanoTime() - started) / 1e9, onlineArgs);
    }

    /**
     * The demo runs the nightly job as production does but lighter, so that it stays within a few
     * minutes on 2 cores: short grids, EASE over the 3,000 most active movies, a smaller ALS, and
     * item-kNN left out (EASE covers the same item-to-item signal better). Every other candidate,
     * the neural ranker included, competes.
     */
    static final Map<String, Object> DEMO_GRIDS = Map.of(
            "marquee.batch.models.candidates", List.of("popularity", "decayed-popularity", "ease", "als-implicit", "neural"),
            "marquee.batch.models.decayed-popularity.half-life-days", List.of(1.0, 4.0, 16.0),
            "marquee.batch.models.ease.lambda", 300.0,
            "marquee.batch.models.ease.max-items", 3000,
            "marquee.batch.models.als-implicit.rank", 16,
            "marquee.batch.models.als-implicit.reg-param", 1.0,
            "marquee.batch.models.als-implicit.alpha", 10.0,
            "marquee.batch.models.als-implicit.max-iter", 8,
            "marquee.batch.eval.tune-sample-users", 2000);

    /**
     * The demo's A/B test: tonight's runner-up as arm {@code candidate} and decayed popularity as
     * {@code control} beside the winner, each answering its share of the users.
     */
    static final Map<String, Object> DEMO_AB = Map.of("marquee.batch.ab.second-arm", "runner-up",
            "marquee.batch.ab.control", true);
    /** The service's split of users between the arms; the rest get the winner's lists. */
    static final String AB_SHARES = "candidate=0.25,control=0.15";
    /**
     * The online window of the demo: the reacting users' clock covers minutes, not the day a platform would
     * wait for (marquee.batch.online.window, 24 h).
     */
    static final String ONLINE_WINDOW = "10m";

    private JobResult runBatch(StoreLayout layout, LogSource source) {
        SparkSession spark = SparkSessions.create(batchConfig(layout, source));
        try {
            return new NightlyJob(spark, batchConfig(layout, source)).run();
        } finally {
            spark.stop();
        }
    }

    /**
     * What {@code ./marquee online} does, in the demo: the reactions and the answer records ingested
     * (a second lake run), each answer joined with what its user did next, and the A/B test of the
     * version's arms; both printed.
     */
    private void online(StoreLayout layout, LogSource source) {
        phase("5/5 online", "ingesting the answers and reactions, online evaluation per version and arm (window "
                + ONLINE_WINDOW + ")");
        BatchConfig config = batchConfig(layout, source);
        SparkSession spark = SparkSessions.create(config);
        try {
            new dev.marquee.batch.ingest.Ingestion(spark, config).run(() -> { });
            dev.marquee.batch.ingest.LakeLayout lake = new dev.marquee.batch.ingest.LakeLayout(config.lakeRoot());
            dev.marquee.batch.online.OnlineReport report = new dev.marquee.batch.online.OnlineEvaluation(spark, config)
                    .run(lake, new dev.marquee.batch.ingest.IngestLedger(lake).commits());
            LOG.info("online evaluation:\n{}", report.format());
            List<dev.marquee.batch.ab.ArmComparison.Row> ab = dev.marquee.batch.ab.AbTest.of(report, null, 0.95);
            if (!ab.isEmpty()) {
                LOG.info("A/B test of {}, by users:\n{}", report.latestVersionWithArms(),
                        dev.marquee.batch.ab.ArmComparison.table(ab, 0.95));
            }
        } catch (RuntimeException e) {
            LOG.warn("online evaluation in the demo failed; the service goes on: {}", e.toString(), e);
        } finally {
            spark.stop();
        }
    }

    private BatchConfig batchConfig(StoreLayout layout, LogSource source) {
        Map<String, Object> overrides = new HashMap<>(Map.of(
                "marquee.batch.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "marquee.batch.kafka.topic", TOPIC,
                "marquee.batch.store.root", layout.root().toString(),
                "marquee.batch.lake.root", workDir.resolve("lake").toString(),
                "marquee.batch.rating.min", source.scale().min(),
                "marquee.batch.rating.max", source.scale().max()));
        overrides.putAll(DEMO_GRIDS);
        overrides.putAll(DEMO_AB);
        overrides.put("marquee.batch.online.window", ONLINE_WINDOW);
        return BatchConfig.load(ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.load()));
    }

    /**
     * Simulated users of the synthetic platform ask the service {@value #REACT_ANSWERS} times and watch what they
     * are shown by their hidden tastes (lines into the topic beside the service's own), so that online evaluation
     * has answers followed by what users did. Nothing to react with for a dataset: it has no hidden tastes.
     */
    private boolean react(LogSource source) {
        if (source.truth() == null) {
            return false;
        }
        phase("5/5 react", "simulated users ask the service and react to its answers (" + REACT_ANSWERS + " answers)");
        ReactConfig config = ReactConfig.of(URI.create("http://127.0.0.1:" + service.port()), REACT_ANSWERS)
                .withSessionsPerHour(REACT_SESSIONS_PER_HOUR);
        Reacting.Report report = Reacting.toTopic(source.truth(), config, kafka.bootstrapServers(), TOPIC, a -> { });
        phase("5/5 react", report.describe());
        return true;
    }

    /** Counts each user's ratings as the lines go by, to pick a user worth showing. */
    private static Iterator<String> tally(Iterator<String> lines, Map<Long, Integer> ratingsPerUser) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public String next() {
                String line = lines.next();
                if (EventParser.parse(line) instanceof Parsed p && p.event() instanceof RateEvent r) {
                    ratingsPerUser.merge(r.userId(), 1, Integer::sum);
                }
                return line;
            }
        };
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the service answered " + response.statusCode() + " to " + url);
        }
        return response.body();
    }

    private void phase(String name, String what) {
        LOG.info("[{} | {} s] {}", name, String.format("%5.1f", (System.nanoTime() - started) / 1e9), what);
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        LOG.info("demo stopped: service, store and broker closed");
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
