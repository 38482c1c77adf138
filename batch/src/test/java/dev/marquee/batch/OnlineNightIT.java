package dev.marquee.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.ingest.IngestLedger;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.batch.online.OnlineReport;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online evaluation inside the nightly run: answer records on the answers topic, made so that each
 * user went on to watch or rate the movie in second place an hour later, are ingested and judged
 * (hit rate 1, first hit at position 2), and the result is in the version's lineage and its
 * evaluation page. Then online evaluation fails inside a night, and the night still publishes.
 */
@ExtendWith(SparkExtension.class)
class OnlineNightIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void theNightJudgesTheAnswersOnlineAndAFailureThereDoesNotStopIt(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        List<String> log = new ArrayList<>();
        SyntheticPlatform.generate(new SynthConfig(300, 120, 6, 20, 11L)).lines().forEachRemaining(log::add);
        String topic = KAFKA.topic("online-log", 2, log);
        KAFKA.broker().createTopic("online-answers", 1);
        List<Event> events = log.stream().map(l -> ((Parsed) EventParser.parse(l)).event()).toList();
        LocalDateTime latest = events.stream().map(Event::time).max(LocalDateTime::compareTo).orElseThrow();
        Map<Long, String> answers = new LinkedHashMap<>();
        for (Event e : events) {
            String movie = e instanceof WatchEvent w ? w.movieId() : e instanceof RateEvent r ? r.movieId() : null;
            if (movie != null && e.time().isBefore(latest.minusHours(30)) && !answers.containsKey(e.userId())
                    && answers.size() < 8) {
                String time = e.time().minusHours(1).toInstant(ZoneOffset.UTC).toString();
                answers.put(e.userId(), "{\"time\":\"" + time + "\",\"user\":" + e.userId() + ",\"version\":\"v000000\","
                        + "\"arm\":\"main\",\"movies\":[\"never+watched+1900\",\"" + movie + "\"],\"coldStart\":false,"
                        + "\"latencyMs\":1.25,\"status\":200}");
            }
        }
        assertEquals(8, answers.size());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (Map.Entry<Long, String> a : answers.entrySet()) {
                producer.send(new ProducerRecord<>("online-answers", a.getKey().toString(), a.getValue())).get();
            }
        }
        BatchConfig config = BatchSettings.under(tmp).kafka(KAFKA.bootstrapServers(), topic).ratings(1, 5).smallModels()
                .set(Map.of("marquee.batch.models.candidates", List.of("popularity"),
                        "marquee.batch.kafka.answers-topic", "online-answers"))
                .load(BatchConfig::load);

        JobResult first = new NightlyJob(spark, config).run();

        assertTrue(first.phases().stream().anyMatch(ph -> ph.name().equals("online")), "a phase of its own");
        StoreLayout store = new StoreLayout(config.storeRoot());
        Manifest manifest = Manifest.read(store.versionDir(first.versionId()).resolve(Manifest.FILE_NAME));
        @SuppressWarnings("unchecked")
        Map<String, Object> online = (Map<String, Object>) manifest.lineage().get("online");
        assertEquals(8, ((Number) online.get("evaluated")).intValue(), String.valueOf(online));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> series = (Map<String, Map<String, Object>>) online.get("perVersionAndArm");
        assertEquals(1.0, ((Number) series.get("v000000/main").get("hitRate")).doubleValue(), 1e-9);
        LakeLayout lake = new LakeLayout(config.lakeRoot());
        OnlineReport report = OnlineReport.read(lake.online(1));
        report.rows().forEach(r -> assertEquals(2.0, r.meanFirstHit(), 1e-9, "the second movie, each time"));
        String page = Files.readString(store.versionDir(first.versionId()).resolve(NightlyJob.REPORT_FILE));
        assertTrue(page.contains("Online hit rate per version and arm") && page.contains("<polyline"), "charted");
        assertTrue(page.contains("v000000/main"), page);

        KAFKA.produce(topic, log.subList(0, 50).stream().map(l -> l.replaceFirst("^\\d{4}", "2025")).toList());
        JobResult second = new NightlyJob(spark, config).beforeOnline(() -> {
            throw new IllegalStateException("online evaluation breaks");
        }).run();

        assertEquals("v000002", second.versionId(), "the night goes on and publishes");
        Manifest next = Manifest.read(store.versionDir("v000002").resolve(Manifest.FILE_NAME));
        assertEquals(Map.of("status", "failed: see the run's log"), next.lineage().get("online"));
        assertEquals(2, new IngestLedger(lake).commits().size());
    }
}
