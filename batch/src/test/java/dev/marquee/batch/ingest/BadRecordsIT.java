package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.SparkExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad record through a real topic, as raw bytes: each reject reason of the parser and
 * of the line checks, a tombstone (null value), invalid UTF-8, a record with newlines inside and one
 * of 2 MB. Each is counted by its reason and quarantined with it; the good lines all reach the lake;
 * nothing stops the run while the bad share is below the threshold.
 */
@ExtendWith(SparkExtension.class)
class BadRecordsIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final String T = "2025-01-05T10:00:00";

    /** One bad record per reason it must be rejected with. */
    private static Map<String, byte[]> badRecords(String goodLine) {
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("empty", null); // a tombstone: null value
        bad.put("empty ", utf8("   "));
        bad.put("too_few_fields", utf8("garbage without commas"));
        bad.put("bad_time", utf8("2025-13-45T99:00:00,12,GET /rate/some+movie+1999=4"));
        bad.put("bad_user", utf8(T + ",-3,GET /create_account"));
        bad.put("bad_movie", utf8(T + ",12,GET /rate/=4"));
        bad.put("bad_rating", utf8(T + ",12,GET /rate/some+movie+1999=four"));
        bad.put("bad_minute", utf8(T + ",12,GET /data/m/some+movie+1999/x.mpg"));
        bad.put("bad_recommendation", utf8(T + ",12,recommendation request nonsense"));
        bad.put("unknown_kind", utf8(T + ",12,POST /something"));
        bad.put("rating_off_scale", utf8(T + ",12,GET /rate/some+movie+1999=9"));
        bad.put("user_out_of_range", utf8(T + ",99999999999999,GET /create_account"));
        bad.put("bad_movie_slug", utf8(T + ",12,GET /rate/The+Matrix=4"));
        bad.put("time_in_future", utf8("2099-01-05T10:00:00,12,GET /rate/some+movie+1999=4"));
        bad.put("time_before_platform_start", utf8("1980-01-05T10:00:00,12,GET /rate/some+movie+1999=4"));
        bad.put("duplicate", utf8(goodLine));
        // Not UTF-8 at all: a lone continuation byte and an overlong encoding inside a line.
        byte[] invalid = Arrays.copyOf(utf8(T + ",12,GET /rate/so"), 40);
        invalid[30] = (byte) 0x80;
        invalid[31] = (byte) 0xC0;
        bad.put("invalid utf-8", invalid);
        bad.put("newlines inside", utf8(T + ",12,GET /rate/some+movie+1999=4\n" + T + ",13,GET /create_account\n"));
        bad.put("2 MB long", utf8(T + ",12,GET /rate/" + "a".repeat(2 << 20) + "+1999=4"));
        return bad;
    }

    @Test
    void everyBadRecordIsCountedAndQuarantinedWithItsReasonAndTheRunGoesOn(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        List<String> good = new ArrayList<>();
        SyntheticPlatform.generate(new SynthConfig(300, 100, 6, 20, 3L)).lines().forEachRemaining(good::add);
        Map<String, byte[]> bad = badRecords(good.get(10));

        String topic = "bad-records";
        KAFKA.broker().admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                .configs(Map.of("max.message.bytes", String.valueOf(8 << 20))))).all().get();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 32L << 20);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            int i = 0;
            for (String line : good) {
                producer.send(new ProducerRecord<>(topic, utf8(line))).get();
                if (i++ % 20 == 10) {
                    for (byte[] record : bad.values()) {
                        producer.send(new ProducerRecord<>(topic, null, record)).get();
                    }
                    bad = Map.of(); // each bad record once
                }
            }
        }
        BatchConfig config = BatchSettings.under(tmp).kafka(KAFKA.bootstrapServers(), topic).ratings(1, 5)
                .load(BatchConfig::load);
        Ingestion.Result result = new Ingestion(spark, config).run(() -> { });

        Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("empty", 2L), Map.entry("too_few_fields", 1L), Map.entry("bad_time", 1L),
                Map.entry("bad_user", 1L), Map.entry("bad_movie", 2L), Map.entry("bad_rating", 2L),
                Map.entry("bad_minute", 1L), Map.entry("bad_recommendation", 1L), Map.entry("unknown_kind", 2L),
                Map.entry("rating_off_scale", 1L), Map.entry("user_out_of_range", 1L), Map.entry("bad_movie_slug", 1L),
                Map.entry("time_in_future", 1L), Map.entry("time_before_platform_start", 1L),
                Map.entry("duplicate", 1L)));
        // Invalid UTF-8 decodes with replacement characters into "GET /ra??/so": an unknown kind; the
        // newlines make the rating "4\n2025-...": a bad rating; a 2 MB movie id is over MovieIds' limit.
        assertEquals(expected, new TreeMap<>(result.report().rejectedByReason()), "rejected by reason");
        assertTrue(result.report().accepted(), "below the threshold the run goes on: " + result.report().verdict());
        assertTrue(result.commit().isPresent(), "and commits");
        long rejected = expected.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(good.size() + 19, result.report().records());

        LakeLayout lake = new LakeLayout(config.lakeRoot());
        Map<String, Long> quarantined = spark.read().parquet(lake.quarantine(1).toString()).groupBy("reason").count()
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1), (a, b) -> a,
                        TreeMap::new));
        assertEquals(expected, quarantined, "every rejected record is kept with its reason");
        List<Row> longest = spark.read().parquet(lake.quarantine(1).toString())
                .orderBy(org.apache.spark.sql.functions.length(org.apache.spark.sql.functions.col("line")).desc())
                .limit(1).collectAsList();
        assertTrue(longest.get(0).getString(longest.get(0).fieldIndex("line")).length() > 2_000_000, "kept whole");
        assertEquals(good.size(), result.report().records() - rejected, "every good line is accepted");
        assertEquals(good.size(), spark.read().parquet(lake.events(1).toString()).count(), "and in the lake");
    }

    @Test
    void aRunOfOnlyBadLinesStopsWithItsReportAndKeepsEveryLine(SparkSession spark, @TempDir Path tmp) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bad.add("garbage line " + i);
        }
        String topic = KAFKA.topic("only-bad", 1, bad);
        BatchConfig config = BatchSettings.under(tmp).kafka(KAFKA.bootstrapServers(), topic).load(BatchConfig::load);
        DataQualityException stopped = org.junit.jupiter.api.Assertions.assertThrows(DataQualityException.class,
                () -> new Ingestion(spark, config).run(() -> { }));
        assertEquals(50, stopped.report().rejected(), stopped.getMessage());
        assertTrue(stopped.report().verdict().contains("rejected"), stopped.report().verdict());
        LakeLayout lake = new LakeLayout(config.lakeRoot());
        assertEquals(50, spark.read().parquet(lake.quarantine(1).toString()).count(), "every line kept with its reason");
        assertTrue(new IngestLedger(lake).commits().isEmpty(), "nothing committed");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
