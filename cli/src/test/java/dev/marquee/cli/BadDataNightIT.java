package dev.marquee.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.BatchMain;
import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.ingest.DataQualityException;
import dev.marquee.batch.ingest.DataReport;
import dev.marquee.batch.ingest.IngestLedger;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.serving.RecommendApp;
import dev.marquee.serving.VersionManager;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.Http;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.SparkExtension;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night of bad data with the service running: the job stops before training, commits nothing,
 * writes no version, and the service keeps answering from the previous one over TCP.
 */
@ExtendWith(SparkExtension.class)
class BadDataNightIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void sixtyPercentGarbageStopsBeforeTrainingAndThePreviousVersionKeepsServing(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        List<String> log = new ArrayList<>();
        SyntheticPlatform.generate(new SynthConfig(400, 150, 6, 25, 7L)).lines().forEachRemaining(log::add);
        int cut = log.size() / 2;
        String topic = KAFKA.topic("garbage60", 2, log.subList(0, cut));
        BatchConfig config = BatchSettings.at(tmp.resolve("garbage60-lake"), tmp.resolve("garbage60-store"))
                .kafka(KAFKA.bootstrapServers(), topic).ratings(1, 5).smallModels()
                .set("marquee.batch.models.candidates", List.of("als-implicit")).load(BatchConfig::load);
        assertEquals("v000001", new NightlyJob(spark, config).run().versionId());

        StoreLayout store = new StoreLayout(config.storeRoot());
        try (VersionManager versions = new VersionManager(store, Duration.ofMillis(100))) {
            versions.start();
            Javalin app = new RecommendApp(versions).create().start("127.0.0.1", 0);
            try {
                List<String> bad = new ArrayList<>();
                for (String line : log.subList(cut, log.size())) {
                    bad.add(line);
                    bad.add("junk " + bad.size());
                    bad.add(line.replace("GET /", "GET /Not a movie "));
                }
                KAFKA.produce(topic, bad);

                DataQualityException stopped = assertThrows(DataQualityException.class,
                        () -> new NightlyJob(spark, config).run());
                DataReport report = stopped.report();
                assertTrue(report.rejectedShare() > 0.6, "share " + report.rejectedShare());
                assertTrue(stopped.getMessage().contains("were rejected, more than the 20.0% allowed"), stopped.getMessage());
                assertEquals(BatchMain.STOPPED_BY_DATA, BatchMain.run(spark, config), "the process exits non-zero");

                assertEquals("v000001", store.current().orElseThrow());
                assertEquals(List.of("v000001"), store.versions(), "no version was written");
                assertEquals(1, new IngestLedger(new LakeLayout(config.lakeRoot())).commits().size(), "the garbage run committed nothing");
                assertTrue(Files.exists(new LakeLayout(config.lakeRoot()).report(2)), "its report is written");
                assertEquals("ready v000001", Http.get(app.port(), "/readyz").body());
                HttpResponse<String> answer = Http.get(app.port(), "/recommend/1");
                assertEquals(200, answer.statusCode());
                assertFalse(answer.body().isEmpty());
            } finally {
                app.stop();
            }
        }
    }
}
