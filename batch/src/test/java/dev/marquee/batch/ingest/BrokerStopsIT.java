package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.devkit.replay.TopicProducer;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.SparkExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops during ingestion (after the run fixed its offsets, before it read them): the run
 * fails within the configured timeout with a message that says so, commits nothing and publishes
 * nothing; once the broker is back, the next run ingests every event exactly once.
 */
@ExtendWith(SparkExtension.class)
class BrokerStopsIT {

    @Test
    void aBrokerStoppingMidRunFailsItCleanlyAndTheRerunIngestsEverythingOnce(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        List<String> log = new ArrayList<>();
        SyntheticPlatform.generate(new SynthConfig(150, 60, 6, 15, 9L)).lines().forEachRemaining(log::add);
        int port = LocalKafka.freePort();
        Path data = tmp.resolve("kafka");
        LocalKafka[] kafka = {LocalKafka.start(data, port)};
        try {
            kafka[0].createTopic("stops", 2);
            assertEquals(log.size(), TopicProducer.produce(kafka[0].bootstrapServers(), "stops", log.iterator()));
            BatchConfig config = BatchSettings.under(tmp).kafka(kafka[0].bootstrapServers(), "stops").ratings(1, 5)
                    .smallModels().set("marquee.batch.models.candidates", List.of("popularity"))
                    .set("marquee.batch.kafka.timeout", "5s").load(BatchConfig::load);

            long t0 = System.nanoTime();
            IllegalStateException failed = assertThrows(IllegalStateException.class,
                    () -> new NightlyJob(spark, config).afterRange(() -> kafka[0].close()).run());
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertTrue(failed.getMessage().contains("could not read topic stops from " + config.bootstrapServers()),
                    failed.getMessage());
            assertTrue(failed.getMessage().contains("nothing was committed"), failed.getMessage());
            assertTrue(seconds < 120, "it gave up within the timeout, not Spark's default minutes: " + seconds + " s");
            LakeLayout lake = new LakeLayout(config.lakeRoot());
            assertEquals(List.of(), new IngestLedger(lake).commits(), "nothing committed");
            assertEquals(Optional.empty(), new StoreLayout(config.storeRoot()).current(), "nothing published");

            kafka[0] = LocalKafka.start(data, port);
            assertEquals("v000001", new NightlyJob(spark, config).run().versionId());
            List<Row> counts = LakeReader.events(spark, lake, new IngestLedger(lake).commits())
                    .selectExpr("count(*)", "count(distinct partition, offset)").collectAsList();
            assertEquals(log.size(), counts.get(0).getLong(0), "every event is in the lake");
            assertEquals(log.size(), counts.get(0).getLong(1), "and only once");
        } finally {
            kafka[0].close();
        }
    }
}
