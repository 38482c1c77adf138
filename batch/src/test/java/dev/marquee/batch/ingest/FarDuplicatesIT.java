package dev.marquee.batch.ingest;

import static org.apache.spark.sql.functions.col;
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
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies of events through a real topic, near and far: right after the original (set aside as the
 * read parses), thousands of lines later in the same partition and in the other partition (found on
 * the written columns, their dates rewritten). Each copy is counted and quarantined as a
 * {@code duplicate} with its line; the lake keeps every event exactly once.
 */
@ExtendWith(SparkExtension.class)
class FarDuplicatesIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void everyCopyNearOrFarIsQuarantinedAndTheLakeKeepsEachEventOnce(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        List<String> good = new ArrayList<>();
        SyntheticPlatform.generate(new SynthConfig(800, 150, 6, 15, 11L)).lines().forEachRemaining(good::add);
        assertTrue(good.size() > 3 * TopicReader.RECENT_LINES, "far copies need more lines than the read remembers: "
                + good.size());
        String topic = KAFKA.topic("far-duplicates", 2, good);

        List<String> events = good.stream().filter(l -> l.contains("GET /rate/") || l.contains("GET /data/m/")).toList();
        List<String> far = List.of(events.get(0), events.get(1), events.get(2), events.get(50), events.get(400));
        String across = events.get(7);
        String adjacent = good.get(good.size() - 1);
        KAFKA.produce(topic, far); // keyed by user: each to its original's partition, thousands of lines after it
        KAFKA.produce(topic, List.of(adjacent)); // right after the last line of its partition
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] line = across.getBytes(StandardCharsets.UTF_8);
            // Both partitions get a copy, so one of them is in the partition its original is not.
            producer.send(new ProducerRecord<>(topic, 0, null, line)).get();
            producer.send(new ProducerRecord<>(topic, 1, null, line)).get();
        }

        BatchConfig config = BatchSettings.under(tmp).kafka(KAFKA.bootstrapServers(), topic).load(BatchConfig::load);
        Ingestion.Result result = new Ingestion(spark, config).run(() -> { });

        assertEquals(good.size() + far.size() + 3, result.report().records());
        assertEquals(java.util.Map.of(LineChecks.DUPLICATE, (long) far.size() + 3), result.report().rejectedByReason(),
                "five far copies, the adjacent one and the two copies in both partitions");
        LakeLayout lake = new LakeLayout(config.lakeRoot());
        Dataset<Row> quarantine = spark.read().parquet(lake.quarantine(1).toString());
        List<String> lines = quarantine.filter(col("reason").equalTo(LineChecks.DUPLICATE)).select("line")
                .as(Encoders.STRING()).collectAsList();
        List<String> copied = new ArrayList<>(far);
        copied.add(adjacent);
        copied.add(across);
        copied.add(across);
        assertEquals(new HashSet<>(copied), new HashSet<>(lines), "each copy quarantined with its line");
        assertEquals(copied.size(), lines.size());

        Dataset<Row> lake1 = spark.read().parquet(lake.events(1).toString());
        assertEquals(good.size(), lake1.count(), "every event in the lake once");
        assertEquals(0, lake1.groupBy("kind", "user", "movie", "rating", "minute", "time").count()
                .filter(col("count").gt(1)).count(), "no event twice");
        Set<String> kinds = new HashSet<>(lake1.select("kind").distinct().as(Encoders.STRING()).collectAsList());
        assertTrue(!kinds.contains(EventRows.REJECTED), "no rejected row among the events: " + kinds);
        assertPlainWhereValuesDoNotRepeat(lake.events(1));
    }

    /**
     * Every event file, written by the one pass or by the rewrite of a date, keeps the offset and time without a
     * dictionary ({@link LakeLayout#writer}) and the kind with one.
     */
    private static void assertPlainWhereValuesDoNotRepeat(Path events) throws java.io.IOException {
        List<Path> files;
        try (var walk = java.nio.file.Files.walk(events)) {
            files = walk.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
        assertTrue(files.size() > 3, "files of several dates: " + files);
        for (Path file : files) {
            try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile
                    .fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))) {
                for (var column : reader.getFooter().getBlocks().get(0).getColumns()) {
                    String name = column.getPath().toDotString();
                    boolean dictionary = column.hasDictionaryPage();
                    if (LakeLayout.PLAIN_COLUMNS.contains(name)) {
                        assertTrue(!dictionary, name + " written with a dictionary in " + file);
                    } else if (name.equals("kind")) {
                        assertTrue(dictionary, "kind written without a dictionary in " + file);
                    }
                }
            }
        }
    }
}
