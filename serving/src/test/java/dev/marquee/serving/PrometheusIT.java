package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.PromProcess;
import dev.marquee.testkit.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard against a real Prometheus: the service answers on a free port, a Prometheus
 * process (Debian's {@code prometheus}) scrapes its {@code /metrics} over TCP every second, and every
 * query of every panel of {@code grafana/marquee-serving.json} is evaluated through Prometheus' HTTP
 * API; each must return data, and finite numbers.
 *
 * <p>The panels "Online hit rate", "Drift", "A/B arms" and the nightly run's read figures the nightly
 * job pushes to a Pushgateway (docs/metrics.md). Online evaluation, drift and A/B tests are built
 * elsewhere, so this test pushes sample values of those figures itself, as the nightly job's text, to
 * a real Pushgateway ({@code prometheus-pushgateway}) that the same Prometheus scrapes; the batch
 * module's PushgatewayIT checks that the job pushes the names these panels read.
 *
 * <p>Skipped with a message when the {@code prometheus} binary is absent; the pushed panels are
 * skipped (after the service's panels passed) when the Pushgateway is absent. {@code .ci/run}
 * installs both when it can.
 */
class PrometheusIT {

    private static final Path DASHBOARD = Path.of("grafana", "marquee-serving.json");
    /** The scrape job's name; Grafana's {@code $job} variable is replaced by it. */
    private static final String JOB = "marquee-serving";

    /** What the nightly job would push (a published night with online, drift and A/B figures). */
    private static final String NIGHT = """
            # TYPE marquee_batch_run_duration_seconds gauge
            marquee_batch_run_duration_seconds 1677.5
            # TYPE marquee_batch_rows_ingested gauge
            marquee_batch_rows_ingested 1200000
            # TYPE marquee_batch_rows_rejected gauge
            marquee_batch_rows_rejected 42
            # TYPE marquee_batch_published gauge
            marquee_batch_published 1
            # TYPE marquee_batch_candidate_ndcg gauge
            marquee_batch_candidate_ndcg 0.31
            # TYPE marquee_batch_published_ndcg gauge
            marquee_batch_published_ndcg 0.31
            # TYPE marquee_online_hit_rate gauge
            marquee_online_hit_rate{version="v000041",arm="main"} 0.12
            marquee_online_hit_rate{version="v000041",arm="candidate"} 0.15
            # TYPE marquee_online_answers gauge
            marquee_online_answers{version="v000041",arm="main"} 9000
            marquee_online_answers{version="v000041",arm="candidate"} 1000
            # TYPE marquee_drift_statistic gauge
            marquee_drift_statistic{figure="rating_distribution",statistic="psi"} 0.03
            marquee_drift_statistic{figure="interactions_per_user",statistic="ks"} 0.08
            # TYPE marquee_online_hit_rate_interval gauge
            marquee_online_hit_rate_interval{arm="main",bound="low"} 0.113
            marquee_online_hit_rate_interval{arm="main",bound="high"} 0.127
            marquee_online_hit_rate_interval{arm="candidate",bound="low"} 0.128
            marquee_online_hit_rate_interval{arm="candidate",bound="high"} 0.172
            """;

    @TempDir
    Path root;

    @Test
    void everyDashboardQueryReturnsDataFromARealPrometheus() throws Exception {
        Optional<Path> prometheus = PromProcess.binary("prometheus");
        assumeTrue(prometheus.isPresent(), "skipped: no prometheus binary on the PATH "
                + "(apt-get install prometheus; .ci/run installs it when it can)");
        Optional<Path> pushgatewayBinary = PromProcess.binary("prometheus-pushgateway", "pushgateway");
        Map<String, String> exprs = dashboardQueries();
        assertTrue(exprs.size() >= 25, "the dashboard has its queries: " + exprs.keySet());

        StoreLayout layout = new StoreLayout(root.resolve("store"));
        StoreFixture.publishAndPromote(layout, "v000001", 20);
        try (TestServer server = TestServer.start(layout, Duration.ofMillis(50));
                PromProcess pushgateway = pushgatewayBinary.isPresent()
                        ? PromProcess.pushgateway(pushgatewayBinary.get(), root.resolve("pushgateway")) : null) {
            server.awaitVersion("v000001");
            String config = """
                    # PrometheusIT's Prometheus: the service under test, and the Pushgateway the nightly
                    # job pushes to, each scraped every second.
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: %s
                        metrics_path: /metrics
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(JOB, server.port());
            if (pushgateway != null) {
                config += """
                          # honor_labels keeps the job label the night pushed with (marquee-batch)
                          - job_name: pushgateway
                            honor_labels: true
                            static_configs:
                              - targets: ['127.0.0.1:%d']
                        """.formatted(pushgateway.port());
                assertEquals(200, pushgateway.put("/metrics/job/marquee-batch", NIGHT), "the Pushgateway took the night");
            }
            try (PromProcess prom = PromProcess.prometheus(prometheus.get(), root.resolve("prometheus"), config)) {
                // A first scrape, before the answers, so that rates have two samples to compare.
                awaitValue(prom, "up{job=\"" + JOB + "\"}", 1);
                int answers = 0;
                for (int user = 1; user <= 60; user++) {
                    assertEquals(200, server.get("/recommend/" + user).statusCode());
                    answers++;
                }
                assertEquals(400, server.get("/recommend/x").statusCode());
                // A scrape after them: Prometheus has seen every answer.
                awaitValue(prom, "marquee_requests_total{job=\"" + JOB + "\",status=\"200\"}", answers);
                if (pushgateway != null) {
                    awaitValue(prom, "marquee_batch_published{job=\"marquee-batch\"}", 1);
                }

                List<String> empty = new ArrayList<>();
                int checked = 0;
                for (Map.Entry<String, String> q : exprs.entrySet()) {
                    String expr = q.getValue().replace("$job", JOB);
                    boolean pushed = expr.matches("(?s).*marquee_(?:batch|online|drift)_.*");
                    if (pushed && pushgateway == null) {
                        continue;
                    }
                    JsonNode data = prom.query(expr);
                    JsonNode result = data.get("result");
                    if (result.isEmpty()) {
                        empty.add(q.getKey() + ": " + expr);
                        continue;
                    }
                    for (JsonNode sample : result) {
                        String value = data.get("resultType").asText().equals("scalar") ? result.get(1).asText()
                                : sample.get("value").get(1).asText();
                        double v = Double.parseDouble(value);
                        assertTrue(Double.isFinite(v), q.getKey() + ": " + expr + " -> " + sample);
                        if (data.get("resultType").asText().equals("scalar")) {
                            break;
                        }
                    }
                    checked++;
                }
                assertEquals(List.of(), empty, "dashboard queries without data in Prometheus");
                // A figure that only the answers above can have made non-zero: the dashboard sees them.
                assertTrue(value(prom, "sum(rate(marquee_requests_total{job=\"" + JOB + "\",status=\"200\"}[1m]))") > 0);
                assertTrue(value(prom, "sum(rate(marquee_cold_start_answers_total{job=\"" + JOB + "\"}[5m]))") > 0,
                        "even users are unknown to the fixture: cold-start answers");
                if (pushgateway != null) {
                    assertEquals(0.15, value(prom, "max by (version, arm) (marquee_online_hit_rate{arm=\"candidate\"})"), 1e-9);
                    assertEquals(exprs.size(), checked);
                } else {
                    assumeTrue(false, "the service's " + checked + " dashboard queries returned data; the pushed "
                            + "panels are skipped: no prometheus-pushgateway binary on the PATH");
                }
            }
        }
    }

    /** Every panel target's expression, keyed by panel title and refId. */
    private static Map<String, String> dashboardQueries() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Map<String, String> exprs = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.put(panel.get("title").asText() + " " + target.get("refId").asText(), target.get("expr").asText());
            }
        }
        for (String title : List.of("Online hit rate", "Drift", "A/B arms")) {
            assertTrue(exprs.keySet().stream().anyMatch(k -> k.startsWith(title + " ")), "a panel titled " + title);
        }
        return exprs;
    }

    /** Waits until {@code promql} has a sample of at least {@code atLeast} (Prometheus scraped it). */
    private static void awaitValue(PromProcess prom, String promql, double atLeast) throws Exception {
        Await.until(promql + " >= " + atLeast + " in Prometheus", Duration.ofSeconds(30), () -> {
            JsonNode result = prom.query(promql).get("result");
            for (JsonNode sample : result) {
                if (Double.parseDouble(sample.get("value").get(1).asText()) >= atLeast) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The single value of an instant vector query. */
    private static double value(PromProcess prom, String promql) throws Exception {
        JsonNode result = prom.query(promql).get("result");
        assertEquals(1, result.size(), promql + " -> " + result);
        return Double.parseDouble(result.get(0).get("value").get(1).asText());
    }
}
