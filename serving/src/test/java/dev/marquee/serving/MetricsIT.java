package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.store.FileEntry;
import dev.marquee.store.Manifest;
import dev.marquee.store.ReaderOptions;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.StoreFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics scraped over HTTP from the real service, the swap listener, and the Grafana dashboard's names. */
class MetricsIT {

    private static final Path DASHBOARD = Path.of("grafana", "marquee-serving.json");
    private static final Pattern METRIC = Pattern.compile("\\b(?:marquee|jvm|process|system)_[a-z0-9_]+");
    /** Figures the nightly job pushes to the Pushgateway (docs/metrics.md): never in the service's scrape. */
    private static final Pattern PUSHED = Pattern.compile("marquee_(?:batch|online|drift)_.*");

    @TempDir
    Path root;

    private StoreLayout layout;
    private TestServer server;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        layout = new StoreLayout(root);
        server = TestServer.start(layout, Duration.ofMillis(50), new VersionListener() {
            @Override
            public void onSwap(String versionId) {
                events.add("swap " + versionId);
            }

            @Override
            public void onRefused(String versionId, String reason) {
                events.add("refused " + versionId + ": " + reason);
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void countsAnswersByStatusColdStartsSwapsAndRefusedVersions() throws Exception {
        assertTrue(server.get("/metrics").body().contains("marquee_ab_answers_total{arm=\"main\"} 0.0\n"),
                "the main arm's series exists at 0 before any answer, so rate() counts the first");
        assertEquals(503, server.get("/recommend/1").statusCode());
        StoreFixture.publishAndPromote(layout, "v000001", 5);
        server.awaitVersion("v000001");
        assertEquals(200, server.get("/recommend/3").statusCode());
        assertEquals(200, server.get("/recommend/4").statusCode(), "cold start");
        assertEquals(200, server.get("/recommend/6").statusCode(), "cold start");
        assertEquals(400, server.get("/recommend/x1").statusCode());

        // A version whose file fails its checksum: refused, counted, told to listeners; v000001 keeps serving.
        StoreFixture.publish(layout, "v000002", 5);
        Manifest m = Manifest.read(layout.versionDir("v000002").resolve(Manifest.FILE_NAME));
        Path victim = layout.versionDir("v000002").resolve(m.files().stream()
                .max(Comparator.comparingLong(FileEntry::size)).orElseThrow().path());
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(victim, bytes);
        Files.writeString(layout.currentFile(), "v000002\n");
        Await.until("v000002 refused", () -> events.size() == 2);
        assertEquals("swap v000001", events.get(0));
        assertTrue(events.get(1).startsWith("refused v000002: ") && events.get(1).contains("SHA-256"), events.get(1));

        HttpResponse<String> r = server.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        String scrape = r.body();
        assertEquals(3.0, value(scrape, "marquee_requests_total{status=\"200\"}"));
        assertEquals(1.0, value(scrape, "marquee_requests_total{status=\"400\"}"));
        assertEquals(1.0, value(scrape, "marquee_requests_total{status=\"503\"}"));
        assertEquals(2.0, value(scrape, "marquee_cold_start_answers_total"));
        assertEquals(5.0, value(scrape, "marquee_request_duration_seconds_count"));
        assertEquals(5.0, value(scrape, "marquee_request_duration_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(scrape.contains("marquee_request_duration_seconds_bucket{le=\"0.01\"}"), "10 ms SLO bucket");
        assertEquals(1.0, value(scrape, "marquee_store_swaps_total"));
        assertEquals(1.0, value(scrape, "marquee_store_refused_total"));
        assertEquals(1.0, value(scrape, "marquee_store_version"));
        assertEquals(5.0, value(scrape, "marquee_store_users"));
        assertTrue(value(scrape, "marquee_rocksdb_estimate_num_keys") >= 5);
        assertTrue(value(scrape, "marquee_store_size_bytes") > 0);
        Manifest v1 = Manifest.read(layout.versionDir("v000001").resolve(Manifest.FILE_NAME));
        assertEquals(java.time.Instant.parse(v1.createdAt()).toEpochMilli() / 1000.0,
                value(scrape, "marquee_store_created_timestamp_seconds"), 0.001, "the open version's createdAt");
        double cacheUsage = value(scrape, "marquee_rocksdb_block_cache_usage_bytes");
        assertTrue(cacheUsage >= 0 && cacheUsage <= ReaderOptions.DEFAULTS.blockCacheBytes(),
                "the block cache's usage is within its capacity: " + cacheUsage);
        assertTrue(value(scrape, "marquee_rocksdb_estimate_table_readers_mem_bytes") > 0,
                "an open version's SST readers hold memory");
        assertTrue(value(scrape, "jvm_threads_live_threads") > 0);
    }

    @Test
    void everyMetricTheDashboardQueriesIsInARealScrape() throws Exception {
        StoreFixture.publishAndPromote(layout, "v000001", 3);
        server.awaitVersion("v000001");
        assertEquals(200, server.get("/recommend/1").statusCode());
        String scrape = server.get("/metrics").body();

        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.get("expr").asText());
            }
        }
        assertTrue(exprs.size() >= 10, "the dashboard has its panels: " + exprs.size());
        TreeSet<String> missing = new TreeSet<>();
        TreeSet<String> names = new TreeSet<>();
        for (String expr : exprs) {
            Matcher m = METRIC.matcher(expr);
            boolean any = false;
            while (m.find()) {
                any = true;
                if (PUSHED.matcher(m.group()).matches()) {
                    continue;
                }
                names.add(m.group());
                if (!Pattern.compile("(?m)^" + Pattern.quote(m.group()) + "[{ ]").matcher(scrape).find()) {
                    missing.add(m.group());
                }
            }
            assertTrue(any, "every expression names a metric: " + expr);
        }
        assertTrue(names.size() >= 15, names.toString());
        assertTrue(missing.isEmpty(), "dashboard metrics absent from /metrics: " + missing);
        assertFalse(scrape.isEmpty());
    }

    /** The value of the series line starting with {@code series} (name plus labels as written). */
    private static double value(String scrape, String series) throws IOException {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ") || (!series.contains("{") && line.startsWith(series + "{"))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no series " + series + " in\n" + scrape);
    }
}
