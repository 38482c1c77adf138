package dev.marquee.batch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.testkit.Http;
import dev.marquee.testkit.PromProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night's figures pushed to a real Pushgateway (Debian's {@code prometheus-pushgateway}, started on
 * a free port of 127.0.0.1) and read back from the gateway's own {@code /metrics}, as Prometheus scrapes
 * it. The figures are made by hand here, not by a Spark night: the pusher is what is under test.
 * Skipped with a message when the binary is absent.
 */
class PushgatewayIT {

    private static final Path DASHBOARD = Path.of("..", "serving", "grafana", "marquee-serving.json");

    @TempDir
    Path dir;

    private static PromProcess gateway(Path dir) throws Exception {
        Optional<Path> binary = PromProcess.binary("prometheus-pushgateway", "pushgateway");
        assumeTrue(binary.isPresent(), "skipped: no prometheus-pushgateway binary on the PATH "
                + "(apt-get install prometheus-pushgateway; .ci/run installs it when it can)");
        return PromProcess.pushgateway(binary.get(), dir);
    }

    private static NightFigures publishedNight() {
        return new NightFigures()
                .rows(1_200_000, 42, Map.of("bad_json", 40L, "rating_off_scale", 2L))
                .candidateNdcg(0.31)
                .published("v000042", 0.31)
                .onlineHitRate("v000041", "main", 0.12, 9000)
                .driftStatistic("rating_distribution", "psi", 0.03)
                .abHitRateInterval("main", 0.11, 0.13)
                .outcome(0, true, 1677.5, Instant.parse("2026-12-01T03:00:00Z"));
    }

    @Test
    void eachNightReplacesTheLastNightsFiguresInTheGateway() throws Exception {
        try (PromProcess gateway = gateway(dir)) {
            new Pushgateway(gateway.url() + "/", Duration.ofSeconds(5)).push(publishedNight());
            String scrape = Http.get(gateway.port(), "/metrics").body();
            assertEquals(1677.5, value(scrape, "marquee_batch_run_duration_seconds"));
            assertEquals(1.0, value(scrape, "marquee_batch_published"));
            assertEquals(0.0, value(scrape, "marquee_batch_exit_code"));
            assertEquals(1_200_000.0, value(scrape, "marquee_batch_rows_ingested"));
            assertEquals(42.0, value(scrape, "marquee_batch_rows_rejected"));
            assertEquals(40.0, value(scrape, "marquee_batch_rows_rejected_by_reason", "reason=\"bad_json\""));
            assertEquals(0.31, value(scrape, "marquee_batch_published_ndcg"));
            assertEquals(42.0, value(scrape, "marquee_batch_published_version"));
            assertEquals(0.12, value(scrape, "marquee_online_hit_rate", "arm=\"main\"", "version=\"v000041\""));
            assertEquals(0.13, value(scrape, "marquee_online_hit_rate_interval", "bound=\"high\""));
            assertTrue(value(scrape, "push_time_seconds") > 0, "the gateway stamps the push");

            // A refused night: its figures replace the whole group; the published NDCG is gone.
            NightFigures refused = new NightFigures().rows(900, 0, Map.of()).candidateNdcg(0.2)
                    .outcome(3, false, 600, Instant.parse("2026-12-02T03:00:00Z"));
            assertTrue(Pushgateway.pushQuietly(gateway.url(), refused));
            scrape = Http.get(gateway.port(), "/metrics").body();
            assertEquals(0.0, value(scrape, "marquee_batch_published"));
            assertEquals(3.0, value(scrape, "marquee_batch_exit_code"));
            assertEquals(0.2, value(scrape, "marquee_batch_candidate_ndcg"));
            assertNull(find(scrape, "marquee_batch_published_ndcg"), "a refused night has no published NDCG");
            assertNull(find(scrape, "marquee_online_hit_rate"), "nothing of the last night stays");
        }
    }

    @Test
    void aPushThatFailsIsAWarningNeverAnException() throws Exception {
        int closed = PromProcess.freePort();
        assertFalse(Pushgateway.pushQuietly("http://127.0.0.1:" + closed, publishedNight()), "nobody listens");
        assertFalse(Pushgateway.pushQuietly("", publishedNight()), "empty: pushing is off");
        assertFalse(Pushgateway.pushQuietly("not a url", publishedNight()));
        try (PromProcess gateway = gateway(dir)) {
            // The gateway refuses a figure whose type clashes with one it holds (here a counter of another
            // group): a 400, thrown by push, a warning from pushQuietly.
            assertEquals(200, gateway.put("/metrics/job/other", "# TYPE marquee_batch_published counter\n"
                    + "marquee_batch_published 1\n"));
            NightFigures clash = publishedNight();
            IOException e = assertThrows(IOException.class,
                    () -> new Pushgateway(gateway.url(), Duration.ofSeconds(5)).push(clash));
            assertTrue(e.getMessage().contains("answered 400"), e.getMessage());
            assertFalse(Pushgateway.pushQuietly(gateway.url(), clash));
        }
    }

    /** Every figure of the nightly run that the Grafana dashboard reads is one a night pushes. */
    @Test
    void theDashboardReadsNamesANightPushes() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Pattern pushed = Pattern.compile("\\bmarquee_(?:batch|online|drift)_[a-z0-9_]+");
        TreeSet<String> read = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = pushed.matcher(target.get("expr").asText());
                while (m.find()) {
                    read.add(m.group());
                }
            }
        }
        assertTrue(read.size() >= 8, read.toString());
        TreeSet<String> missing = new TreeSet<>(read);
        missing.removeAll(publishedNight().names());
        assertEquals(new TreeSet<>(), missing, "dashboard names a night never pushes");
    }

    private static double value(String scrape, String name, String... labels) {
        Double v = find(scrape, name, labels);
        if (v == null) {
            throw new AssertionError("no " + name + " " + String.join(",", labels) + " in\n" + scrape);
        }
        return v;
    }

    /** The value of the first series of {@code name} with label {@code job="marquee-batch"} and {@code labels}. */
    private static Double find(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") && line.contains("job=\"marquee-batch\"")) {
                boolean all = true;
                for (String l : labels) {
                    all &= line.contains(l);
                }
                if (all) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return null;
    }
}
