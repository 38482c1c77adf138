package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.online.OnlineEvaluation;
import dev.marquee.batch.online.OnlineReport;
import dev.marquee.batch.online.OnlineRow;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answers topic ingested beside the log on a real broker: exactly once (its offsets committed in
 * the run's ledger file; a run that dies before its commit is re-run from the same offsets),
 * malformed records quarantined with their reason, a missing topic read as zero answers; then online
 * evaluation reads the lake and finds the hits the log holds.
 */
@ExtendWith(SparkExtension.class)
class AnswersIngestionIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static String answer(long user, String time, String version, int status, String... movies) {
        String ids = java.util.Arrays.stream(movies).map(m -> "\"" + m + "\"").collect(Collectors.joining(","));
        return "{\"time\":\"" + time + "\",\"user\":" + user + ",\"version\":" + (version == null ? "null" : "\"" + version
                + "\"") + ",\"arm\":\"main\",\"movies\":[" + ids + "],\"coldStart\":false,\"latencyMs\":1.5,\"status\":"
                + status + "}";
    }

    private static void send(String topic, List<String> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            long key = 0;
            for (String r : records) {
                producer.send(new ProducerRecord<>(topic, Long.toString(key++), r)).get();
            }
        }
    }

    @Test
    void answersAreIngestedExactlyOnceWithTheBadOnesQuarantinedAndEvaluatedOnline(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        KAFKA.broker().createTopic("log-a", 1);
        KAFKA.broker().createTopic("answers-a", 2);
        BatchConfig config = BatchSettings.under(tmp).kafka(KAFKA.bootstrapServers(), "log-a").ratings(1, 5)
                .set("marquee.batch.kafka.answers-topic", "answers-a").load(BatchConfig::load);
        LakeLayout lake = new LakeLayout(config.lakeRoot());
        KAFKA.produce("log-a", List.of(
                "2025-01-10T08:00:00,1,GET /create_account",
                "2025-01-10T10:00:00,1,GET /data/m/beta+2002/1.mpg",
                "2025-01-10T10:01:00,1,GET /data/m/beta+2002/2.mpg",
                "2025-01-10T11:00:00,2,GET /rate/delta+2004=3"));
        send("answers-a", List.of(
                answer(1, "2025-01-10T09:00:00Z", "v000001", 200, "alpha+2001", "beta+2002"),
                answer(2, "2025-01-10T09:00:00Z", "v000001", 200, "alpha+2001"),
                answer(3, "2025-01-10T09:00:00.250Z", null, 503),
                "not json at all",
                "{\"time\":\"2025-01-10T09:00:00Z\",\"arm\":\"main\",\"movies\":[],\"coldStart\":false,\"latencyMs\":1,\"status\":200}",
                answer(1, "2025-01-10 09:00", "v000001", 200, "alpha+2001")));

        Ingestion.Result first = new Ingestion(spark, config).run(() -> { });

        AnswersCommit a1 = first.commit().orElseThrow().answers();
        assertEquals("answers-a", a1.topic());
        assertEquals(6, a1.records());
        assertEquals(3, a1.accepted());
        assertEquals(3, a1.quarantined());
        Map<String, Long> reasons = spark.read().parquet(lake.answersQuarantine(1).toString()).groupBy("reason").count()
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1), (x, y) -> x,
                        TreeMap::new));
        assertEquals(Map.of("bad_time", 1L, "missing_user", 1L, "not_json_object", 1L), reasons);
        List<Row> stored = spark.read().parquet(lake.answers(1).toString()).filter("user = 1").collectAsList();
        assertEquals(1, stored.size());
        assertEquals(List.of("alpha+2001", "beta+2002"), stored.get(0).getList(stored.get(0).fieldIndex("movies")));
        assertEquals("v000001", stored.get(0).getAs("version"));
        assertTrue(Files.isDirectory(lake.answers(1).resolve("date=2025-01-10")), "partitioned by the answer's date");
        long committedUntil = a1.until().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(6, committedUntil, "both partitions' end offsets are committed");

        KAFKA.produce("log-a", List.of(
                "2025-01-10T12:00:00,4,GET /rate/gamma+2003=5",
                "2025-01-12T00:00:00,9,GET /create_account"));
        send("answers-a", List.of(
                answer(4, "2025-01-10T09:00:00Z", "v000001", 200, "gamma+2003"),
                answer(5, "2025-01-11T23:00:00Z", "v000001", 200, "gamma+2003")));
        assertThrows(IllegalStateException.class, () -> new Ingestion(spark, config).run(() -> {
            throw new IllegalStateException("killed before the commit");
        }));
        assertEquals(1, new IngestLedger(lake).commits().size(), "nothing committed");

        IngestCommit second = new Ingestion(spark, config).run(() -> { }).commit().orElseThrow();

        assertEquals(2, second.run());
        AnswersCommit a2 = second.answers();
        a2.offsets().forEach((p, r) -> assertEquals(a1.until().get(p), r.from(), "partition " + p + " from run 1's end"));
        assertEquals(2, a2.records(), "only the new answers: exactly once across the failed run");
        assertEquals(2, a2.accepted());
        assertEquals(0, a2.quarantined());

        OnlineReport report = new OnlineEvaluation(spark, config).run(lake, new IngestLedger(lake).commits());

        assertEquals(4, report.evaluated());
        assertEquals(1, report.pending(), "user 5's window ends after the lake's latest event");
        OnlineRow main = report.rows().stream().filter(r -> "v000001".equals(r.version())).findFirst().orElseThrow();
        assertEquals(3, main.answered());
        assertEquals(2, main.hits(), "user 1 watched beta+2002, user 4 rated gamma+2003; user 2 did nothing listed");
        assertEquals(1.5, main.meanFirstHit(), 1e-9);
        assertEquals(2, main.minutesWatched());
        assertEquals(report, OnlineReport.read(lake.online(2)), "written to the lake");

        Forget.Result forgot = new Forget(spark, lake, java.time.Clock.systemUTC()).user(1);
        assertEquals(2, forgot.answers(), "user 1's answer and their quarantined record leave the lake");
        assertEquals(0, spark.read().parquet(lake.answers(1).toString()).filter("user = 1").count());
        assertEquals(2, spark.read().parquet(lake.answersQuarantine(1).toString()).count());
    }

    @Test
    void aMissingAnswersTopicIsZeroAnswersNotAnError(SparkSession spark, @TempDir Path tmp) throws Exception {
        KAFKA.broker().createTopic("log-b", 1);
        BatchConfig config = BatchSettings.under(tmp).kafka(KAFKA.bootstrapServers(), "log-b").ratings(1, 5)
                .set("marquee.batch.kafka.answers-topic", "never-created").load(BatchConfig::load);
        KAFKA.produce("log-b", List.of("2025-01-10T08:00:00,1,GET /create_account",
                "2025-01-10T10:00:00,1,GET /rate/beta+2002=4"));

        IngestCommit commit = new Ingestion(spark, config).run(() -> { }).commit().orElseThrow();

        assertEquals(0, commit.answers().records());
        assertTrue(commit.answers().offsets().isEmpty());
        assertEquals(2, commit.accepted(), "the log itself is ingested");
        LakeLayout lake = new LakeLayout(config.lakeRoot());
        OnlineReport report = new OnlineEvaluation(spark, config).run(lake, new IngestLedger(lake).commits());
        assertEquals(0, report.evaluated());
        assertTrue(report.rows().isEmpty());
    }
}
