package dev.marquee.batch.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.batch.BatchMain;
import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.ingest.DataQualityException;
import dev.marquee.batch.metrics.NightFigures;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.ingest.IngestLedger;
import dev.marquee.batch.ingest.Ingestion;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nights of the synthetic platform through a real broker and real Spark: the first nights have no
 * reference, nights drawn from the same platform stay under warn, and a night whose 5-star ratings
 * all became 1s stops before training (exit 2) with nothing committed, until its stop level is raised.
 */
class DriftIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension
    static final SparkExtension SPARK = new SparkExtension();
    @TempDir
    static Path tmp;

    /** The log split by day: the first 30 days (the backfill), then nights of 6 days each. */
    private static List<List<String>> nights() {
        List<List<String>> nights = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            nights.add(new ArrayList<>());
        }
        LocalDate start = SyntheticPlatform.START.toLocalDate();
        SyntheticPlatform.generate(new SynthConfig(600, 150, 6, 25, 11L)).lines().forEachRemaining(line -> {
            long day = java.time.temporal.ChronoUnit.DAYS.between(start, LocalDate.parse(line.substring(0, 10)));
            nights.get(day < 30 ? 0 : (int) Math.min(5, 1 + (day - 30) / 6)).add(line);
        });
        return nights;
    }

    private static DriftReport ingest(SparkSession spark, BatchConfig config) {
        DriftMonitor monitor = new DriftMonitor(config.drift(), config.lakeRoot());
        Ingestion.Result result = new Ingestion(spark, config).check(monitor).run(() -> { });
        assertTrue(result.commit().isPresent(), "committed: " + result.report().verdict());
        return monitor.report().orElseThrow();
    }

    private static Figure figure(DriftReport report, String name) {
        return report.list().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void sameDistributionPassesAndAllFivesTurnedOnesStopTheRun(SparkSession spark) throws Exception {
        List<List<String>> nights = nights();
        String topic = KAFKA.topic("drift", 2, nights.get(0));
        BatchSettings settings = BatchSettings.under(tmp).kafka(KAFKA.bootstrapServers(), topic).ratings(1, 5).smallModels();
        BatchConfig config = settings.load(BatchConfig::load);

        DriftReport first = ingest(spark, config);
        assertEquals(List.of(), first.referenceRuns());
        assertEquals(Figure.Level.NONE, first.level(), "the first night has nothing to compare with");
        assertTrue(Files.exists(new DriftSummaries(config.lakeRoot()).file(1)), "its summary is kept");
        KAFKA.produce(topic, nights.get(1));
        DriftReport second = ingest(spark, config);
        assertEquals(List.of(), second.referenceRuns(), "the backfill (run 1) is no reference");
        assertEquals(Figure.Level.NONE, second.level());

        for (int night = 2; night <= 3; night++) {
            KAFKA.produce(topic, nights.get(night));
            DriftReport normal = ingest(spark, config);
            assertEquals(night == 2 ? List.of(2) : List.of(2, 3), normal.referenceRuns());
            assertEquals(Figure.Level.OK, figure(normal, "ratings").level(), normal.format());
            assertTrue(figure(normal, "ratings").value() < config.drift().levels("ratings").warn(), normal.format());
            assertNotEquals(Figure.Level.STOP, normal.level(), normal.format());
        }

        List<String> shifted = nights.get(4).stream().map(l -> l.matches(".*GET /rate/.*=5") ? l.replaceAll("=5$", "=1") : l)
                .toList();
        assertNotEquals(nights.get(4), shifted);
        KAFKA.produce(topic, shifted);
        assertEquals(BatchMain.STOPPED_BY_DATA, BatchMain.run(spark, config), "stopped as for bad data");
        assertEquals(4, new IngestLedger(new LakeLayout(config.lakeRoot())).commits().size(), "nothing committed");
        JsonNode drift = DriftSummaries.JSON.readTree(DriftMonitor.reportFile(config.lakeRoot(), 5).toFile());
        JsonNode ratings = drift.get("list").get(0);
        assertEquals("ratings", ratings.get("name").asText());
        assertEquals("STOP", ratings.get("level").asText());
        assertTrue(ratings.get("value").asDouble() > config.drift().levels("ratings").stop(), ratings.toString());
        JsonNode report = DriftSummaries.JSON.readTree(new LakeLayout(config.lakeRoot()).report(5).toFile());
        assertTrue(report.get("verdict").asText().contains("ratings PSI"), report.toString());
        String page = Files.readString(config.lakeRoot().resolve("_reports").resolve("run-000005-data.html"));
        assertTrue(page.contains("<svg") && page.contains("reference") && page.contains("STOP"), "the page shows it");

        // Run again, the night stops again, and its drift figures are there for Prometheus all the same.
        NightFigures figures = new NightFigures();
        assertThrows(DataQualityException.class, () -> new NightlyJob(spark, config).figures(figures).run());
        Double pushed = figures.get("marquee_drift_statistic", Map.of("figure", "ratings", "statistic", "psi"));
        assertEquals(ratings.get("value").asDouble(), pushed, 1e-9, "the same night, the same PSI");

        // The operator accepts the new scale: with the stop level raised the night commits, and warns.
        BatchConfig accepting = settings.set("marquee.batch.drift.ratings.stop", 100).load(BatchConfig::load);
        DriftReport accepted = ingest(spark, accepting);
        assertEquals(5, accepted.run());
        assertEquals(Figure.Level.WARN, figure(accepted, "ratings").level());
        assertEquals(1.0, accepted.figures().get("drift_ratings_level"));
    }
}
