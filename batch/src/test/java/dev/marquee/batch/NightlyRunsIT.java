package dev.marquee.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.ingest.IngestCommit;
import dev.marquee.batch.ingest.IngestLedger;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.batch.ingest.LakeReader;
import dev.marquee.batch.models.QualityGateException;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.LogTimes;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import dev.marquee.events.Parsed;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.store.Manifest;
import dev.marquee.store.ManifestVerifier;
import dev.marquee.store.StoreException;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nightly runs over the lake with a real broker and real Spark: incremental runs, a run killed
 * before its commit, 5% garbage in the stream (trains, reported, quarantined) and the quality gate.
 * 60% garbage, which stops the run while the service keeps serving, is cli's BadDataNightIT.
 */
class NightlyRunsIT {
    @TempDir
    static Path tmp;
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension
    static final SparkExtension SPARK = new SparkExtension();
    private static SparkSession spark;
    private static List<String> log;

    @BeforeAll
    static void start() {
        spark = SPARK.session();
        log = new ArrayList<>();
        SyntheticPlatform.generate(new SynthConfig(400, 150, 6, 25, 7L)).lines().forEachRemaining(log::add);
    }

    private static String topic(String name, List<String> lines) {
        return KAFKA.topic(name, 2, lines);
    }

    private static void produce(String topic, List<String> lines) {
        KAFKA.produce(topic, lines);
    }

    /** The test-sized nightly config on a 1-5 scale with {@code more} over it. */
    private static BatchConfig config(String topic, Path lake, Path store, Map<String, Object> more) {
        return BatchSettings.at(lake, store).kafka(KAFKA.bootstrapServers(), topic).ratings(1, 5).smallModels()
                .set(more).load(BatchConfig::load);
    }

    /** Model selection is not what these tests are about: one candidate keeps them quick. */
    private static BatchConfig config(String topic, String name) {
        return config(topic, tmp.resolve(name + "-lake"), tmp.resolve(name + "-store"),
                Map.of("marquee.batch.models.candidates", List.of("als-implicit")));
    }

    private static List<IngestCommit> commits(BatchConfig config) {
        return new IngestLedger(new LakeLayout(config.lakeRoot())).commits();
    }

    private static Dataset<Row> lake(BatchConfig config) {
        return LakeReader.events(spark, new LakeLayout(config.lakeRoot()), commits(config))
                .select("partition", "offset", "kind", "user", "movie", "rating", "minute", "time");
    }

    @Test
    void twoRunsInARowTheSecondIngestsOnlyTheNewEventsAndSearchesOneGrid() {
        int cut = log.size() * 7 / 10;
        String topic = topic("incremental", log.subList(0, cut));
        // Two tuned models, one grid searched a night (eval.grids-per-night = 1, the default).
        BatchConfig config = config(topic, tmp.resolve("incremental-lake"), tmp.resolve("incremental-store"), Map.of(
                "marquee.batch.models.candidates", List.of("decayed-popularity", "item-knn"),
                "marquee.batch.models.item-knn.neighbours", List.of(20, 50)));
        // The first run as of the newest event's time (platform zone UTC): its clock, not the machine's, is "now".
        Instant asOf = log.subList(0, cut).stream().map(l -> ((Parsed) EventParser.parse(l)).event().time())
                .max(Comparator.naturalOrder()).orElseThrow().toInstant(ZoneOffset.UTC);
        JobResult first = new NightlyJob(spark, config).clock(Clock.fixed(asOf, ZoneId.of("Pacific/Kiritimati"))).run();
        assertEquals("v000001", first.versionId());
        assertEquals(Map.of(), first.rejectedByReason(), "nothing is after the clock's now");
        assertEquals(asOf.toString(), commits(config).get(0).committedAt(), "committed at the clock's instant");
        assertSparesAndDataEnd(config, "v000001", log.subList(0, cut));

        produce(topic, log.subList(cut, log.size()));
        JobResult second = new NightlyJob(spark, config).run();
        assertEquals("v000002", second.versionId());
        assertEquals(log.size() - cut, second.records(), "the second run reads only what arrived after the first");
        assertEquals(0.0, second.drift().get("drift_reference_runs"), "run 1 is the backfill: no drift reference yet");
        assertEquals(-1.0, second.drift().get("drift_level"), "so nothing was compared");
        assertTrue(Files.exists(config.lakeRoot().resolve("_reports").resolve("run-000002-data.html")),
                "the data report page is written");

        List<IngestCommit> commits = commits(config);
        assertEquals(2, commits.size());
        assertEquals(cut, commits.get(0).records());
        commits.get(1).offsets().forEach((p, range) -> assertEquals(commits.get(0).offsets().get(p).until(), range.from()));
        assertEquals(log.size(), lake(config).count(), "the lake holds every event exactly once");
        assertEquals(log.size(), lake(config).dropDuplicates("partition", "offset").count());

        assertSecondNightCarriesOneSetting(config);
    }

    /** Night 1 searched both grids; night 2 searched decayed popularity's (first in order) and carried item-kNN's choice. */
    private static void assertSecondNightCarriesOneSetting(BatchConfig config) {
        Map<String, List<Map<?, ?>>> first = tuning(config, "v000001");
        Map<String, List<Map<?, ?>>> second = tuning(config, "v000002");
        assertEquals(2, first.get("decayed-popularity").size(), "night 1: " + first);
        assertEquals(2, first.get("item-knn").size(), "night 1: " + first);
        assertEquals(2, second.get("decayed-popularity").size(), "night 2 searches one grid: " + second);
        assertTrue(second.get("decayed-popularity").stream().noneMatch(p -> Boolean.TRUE.equals(p.get("carried"))));
        Map<?, ?> carried = second.get("item-knn").get(0);
        assertEquals(1, second.get("item-knn").size(), "and carries the other's setting: " + second);
        assertEquals(true, carried.get("carried"));
        assertEquals(true, carried.get("chosen"));
        Map<?, ?> won = first.get("item-knn").stream().filter(p -> Boolean.TRUE.equals(p.get("chosen"))).findFirst().orElseThrow();
        assertEquals(won.get("setting"), carried.get("setting"), "the setting night 1 chose");
        assertEquals(won.get("searched"), carried.get("searched"), "with the data end of the night that searched for it");
        assertTrue(((String) second.get("decayed-popularity").get(0).get("searched")).compareTo((String) won.get("searched")) > 0,
                "tonight's search is stamped with tonight's later data end");
    }

    /** A version's tuning points (lineage) by model. */
    private static Map<String, List<Map<?, ?>>> tuning(BatchConfig config, String version) {
        dev.marquee.store.StoreLayout store = new dev.marquee.store.StoreLayout(config.storeRoot());
        List<?> points = (List<?>) dev.marquee.store.Manifest.read(store.versionDir(version)
                .resolve(dev.marquee.store.Manifest.FILE_NAME)).lineage().get("tuning");
        return points.stream().map(p -> (Map<?, ?>) p).collect(java.util.stream.Collectors.groupingBy(
                p -> (String) p.get("model"), java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
    }

    /**
     * Fresh answers (ADR 11): each list carries recommend.spares (10) movies after its top-n (20), and
     * the lineage's dataEnd is the latest watch or rate time of the data.
     */
    private static void assertSparesAndDataEnd(BatchConfig config, String versionId, List<String> lines) {
        StoreLayout layout = new StoreLayout(config.storeRoot());
        try (StoreReader reader = StoreReader.open(layout, versionId)) {
            LocalDateTime latest = lines.stream().map(EventParser::parse).filter(Parsed.class::isInstance)
                    .map(p -> ((Parsed) p).event()).filter(e -> e instanceof WatchEvent || e instanceof RateEvent)
                    .map(Event::time).max(Comparator.naturalOrder()).orElseThrow();
            assertEquals(LogTimes.format(latest), reader.manifest().lineage().get(NightlyJob.DATA_END));
            int withSpares = 0;
            for (long user = 0; user < 400; user++) {
                byte[] v = reader.get(user);
                if (v == null) {
                    continue;
                }
                List<String> all = reader.allIds(v);
                assertEquals(all.subList(0, reader.ids(v).size()), reader.ids(v), "the answer is the list's head");
                assertTrue(reader.ids(v).size() <= config.topN());
                assertEquals(all.size(), reader.allScores(v).length, "a score for every movie, spares too");
                withSpares += reader.ids(v).size() == config.topN() && all.size() == config.topN() + 10 ? 1 : 0;
            }
            assertTrue(withSpares > 0, "users with 20 movies and 10 spares");
            assertTrue(reader.ids(reader.coldStart()).size() <= config.topN());
        }
    }

    @Test
    void aRunKilledBetweenIngestAndCommitThenRerunGivesTheSameLakeAsOneCleanRun() throws Exception {
        String topic = topic("crash", log);
        BatchConfig crashed = config(topic, "crashed");
        RuntimeException killed = assertThrows(RuntimeException.class,
                () -> new NightlyJob(spark, crashed).beforeCommit(() -> {
                    throw new IllegalStateException("killed between ingest and commit");
                }).run());
        assertEquals("killed between ingest and commit", killed.getMessage());
        assertTrue(commits(crashed).isEmpty(), "nothing committed");
        assertTrue(Files.isDirectory(new LakeLayout(crashed.lakeRoot()).events(1)), "its files were written");
        assertTrue(new StoreLayout(crashed.storeRoot()).current().isEmpty(), "nothing published");

        new NightlyJob(spark, crashed).run();
        BatchConfig clean = config(topic, "clean");
        new NightlyJob(spark, clean).run();

        assertEquals(1, commits(crashed).size());
        assertEquals(commits(clean).get(0).offsets(), commits(crashed).get(0).offsets());
        assertEquals(log.size(), lake(crashed).count());
        assertEquals(0, lake(crashed).exceptAll(lake(clean)).count());
        assertEquals(0, lake(clean).exceptAll(lake(crashed)).count());
    }

    /** One garbage line of each kind the job must reject, keyed by the reason it must give. */
    private static Map<String, String> garbageKinds(String realLine) {
        Map<String, String> g = new TreeMap<>();
        g.put("too_few_fields", "garbage without commas");
        g.put("rating_off_scale", "2025-01-05T10:00:00,12,GET /rate/some+movie+1999=9");
        g.put("bad_movie_slug", "2025-01-05T10:00:00,12,GET /rate/The+Matrix=4");
        g.put("time_in_future", "2099-01-05T10:00:00,12,GET /rate/some+movie+1999=4");
        g.put("bad_user", "2025-01-05T10:00:00,-3,GET /create_account");
        g.put("duplicate", realLine);
        return g;
    }

    /** The log with a garbage line after every {@code every}-th line; returns garbage counts by reason. */
    private static List<String> withGarbage(List<String> clean, int every, Map<String, Long> injected) {
        List<String> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < clean.size(); i++) {
            out.add(clean.get(i));
            if (i % every == every - 1) {
                List<Map.Entry<String, String>> kinds = new ArrayList<>(garbageKinds(clean.get(i)).entrySet());
                Map.Entry<String, String> kind = kinds.get(k++ % kinds.size());
                out.add(kind.getValue());
                injected.merge(kind.getKey(), 1L, Long::sum);
            }
        }
        return out;
    }

    @Test
    void fivePercentGarbageTrainsAndIsReportedAndQuarantined() throws Exception {
        Map<String, Long> injected = new TreeMap<>();
        List<String> lines = withGarbage(log, 19, injected); // 1 in 20 lines is garbage
        String topic = topic("garbage5", lines);
        BatchConfig config = config(topic, tmp.resolve("garbage5-lake"), tmp.resolve("garbage5-store"), Map.of(
                "marquee.batch.models.candidates", List.of("als-implicit"), "marquee.batch.progress.every", "1s"));
        JobResult result;
        List<String> logged;
        try (LogCapture log = LogCapture.of("marquee.batch")) {
            result = new NightlyJob(spark, config).run();
            logged = log.lines();
        }
        assertPhaseTable(logged, result);

        assertEquals("v000001", result.versionId());
        assertEquals(injected, result.rejectedByReason());
        long rejected = injected.values().stream().mapToLong(Long::longValue).sum();
        double share = (double) rejected / lines.size();
        assertTrue(share > 0.045 && share < 0.055, "about 5% garbage: " + share);
        assertEquals(lines.size() - rejected, lake(config).count());

        Path quarantine = new LakeLayout(config.lakeRoot()).quarantine(1);
        Map<String, Long> quarantined = spark.read().parquet(quarantine.toString()).groupBy("reason").count()
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1), (a, b) -> a, TreeMap::new));
        assertEquals(injected, quarantined, "every rejected line is kept with its reason");
        Set<String> quarantinedLines = spark.read().parquet(quarantine.toString()).select("line").as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().collect(Collectors.toSet());
        assertTrue(quarantinedLines.contains("garbage without commas"));
        assertTrue(Files.exists(new LakeLayout(config.lakeRoot()).report(1)), "the data report is written");
    }

    private static final List<String> PHASES = List.of("ingest", "interactions", "online", "models", "gate", "top-n", "cold-start",
            "export", "publish");
    private static final Pattern PHASE = Pattern.compile("PHASE name=(\\S+) wall_s=(\\d+\\.\\d) cpu_s=(\\d+\\.\\d) \\S.*");

    /**
     * One machine-readable PHASE line per phase, in order, agreeing with the result's phases; the
     * phases that run Spark jobs took time. No relation between the figures is asserted: a loaded
     * machine may bend any of them (a sub-50 ms phase, publish say, shows wall_s=0.0).
     */
    private static void assertPhaseTable(List<String> logged, JobResult result) throws Exception {
        List<Matcher> table = logged.stream().filter(l -> l.startsWith("PHASE ")).map(PHASE::matcher).toList();
        assertEquals(PHASES, table.stream().map(m -> {
            assertTrue(m.matches(), "machine-readable: " + m);
            return m.group(1);
        }).toList(), "a PHASE line per phase: " + logged);
        assertEquals(PHASES, result.phases().stream().map(PhaseTime::name).toList());
        for (int i = 0; i < PHASES.size(); i++) {
            double wall = Double.parseDouble(table.get(i).group(2));
            assertEquals(result.phases().get(i).wallMs() / 1000.0, wall, 0.051, "the table shows the result's figure");
            if (!Set.of("gate", "cold-start", "publish").contains(PHASES.get(i))) {
                assertTrue(wall > 0, PHASES.get(i) + " ran Spark jobs: wall_s " + wall);
            }
        }
        assertTrue(logged.stream().anyMatch(l -> l.matches("\\[4] models \\(\\d+ ms, cpu \\d+\\.\\d s, .*")),
                "the phase's end line gives its CPU time: " + logged);
        Await.until("the ticker's thread to end with the run", Duration.ofSeconds(30), () -> Thread.getAllStackTraces()
                .keySet().stream().noneMatch(t -> t.getName().equals("marquee-progress") && t.isAlive()));
    }

    @Test
    void theQualityGateRefusesABrokenModelAndTheServingVersionStays() throws Exception {
        int cut = log.size() * 8 / 10;
        String topic = topic("gate", log.subList(0, cut));
        // Only implicit ALS competes, so breaking its factors breaks every candidate.
        BatchConfig config = config(topic, tmp.resolve("gate-lake"), tmp.resolve("gate-store"), Map.of(
                        "marquee.batch.models.candidates", List.of("als-implicit"),
                        "marquee.batch.gate.ndcg-margin", 0.01));
        JobResult good = new NightlyJob(spark, config).run();
        assertEquals("v000001", good.versionId());
        assertTrue(good.ndcg() > 0.02, "the real model finds something: NDCG " + good.ndcg());

        produce(topic, log.subList(cut, log.size()));
        QualityGateException refused = assertThrows(QualityGateException.class,
                () -> new NightlyJob(spark, config).itemFactors(f -> f.randomized(99)).run());
        assertTrue(refused.getMessage().contains("refused: candidate NDCG"), refused.getMessage());
        StoreLayout store = new StoreLayout(config.storeRoot());
        assertEquals("v000001", store.current().orElseThrow(), "the serving version stays");
        assertEquals(List.of("v000001"), store.versions());
        assertTrue(Files.exists(config.lakeRoot().resolve("_reports").resolve("run-000002-" + NightlyJob.REPORT_FILE)),
                "the refused run's evaluation report is written");

        // The test window moved with the new data: allow its noise.
        BatchConfig wider = config(topic, tmp.resolve("gate-lake"), tmp.resolve("gate-store"), Map.of(
                        "marquee.batch.models.candidates", List.of("als-implicit"),
                        "marquee.batch.gate.ndcg-margin", 0.05));
        JobResult recovered = new NightlyJob(spark, wider).run();
        assertEquals("v000002", recovered.versionId(), "a sound model on the same data is published again");
        assertTrue(Files.exists(store.versionDir("v000002").resolve(NightlyJob.REPORT_FILE)));
        Manifest manifest = ManifestVerifier.verify(store.versionDir("v000002"), true);
        assertTrue(manifest.files().stream().anyMatch(f -> f.path().equals(NightlyJob.REPORT_FILE)),
                "the evaluation report is covered by the manifest: " + manifest.files());
        Files.writeString(store.versionDir("v000002").resolve(NightlyJob.REPORT_FILE), "<!-- altered -->",
                java.nio.file.StandardOpenOption.APPEND);
        assertThrows(StoreException.class, () -> ManifestVerifier.verify(store.versionDir("v000002"), true),
                "an altered report fails the version's verification");
    }
}
