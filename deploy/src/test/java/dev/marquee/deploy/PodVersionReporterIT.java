package dev.marquee.deploy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class PodVersionReporterIT {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private MockCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster(server, client);
    }

    @Test
    void mergePatchLandsOnTheOwnPodAndKeepsItsOtherMetadata() throws InterruptedException {
        cluster.pod("serving-0", true, null);
        cluster.pod("serving-1", true, null);
        client.pods().inNamespace(MockCluster.NAMESPACE).withName("serving-0")
                .edit(p -> { p.getMetadata().getAnnotations().put("prometheus.io/scrape", "true"); return p; });
        PodVersionReporter reporter = new PodVersionReporter(cluster.apiClient(), MockCluster.NAMESPACE, "serving-0");
        assertTrue(reporter.enabled());

        reporter.report("v000001");
        reporter.report("v000002");
        RecordedRequest patch = server.getLastRequest();
        assertEquals("PATCH", patch.getMethod());
        assertTrue(patch.getHeader("Content-Type").startsWith("application/merge-patch+json"), patch.getHeader("Content-Type"));

        Pod pod = cluster.get("serving-0");
        assertEquals("v000002", pod.getMetadata().getAnnotations().get(PodVersionReporter.VERSION_ANNOTATION));
        assertEquals("true", pod.getMetadata().getAnnotations().get("prometheus.io/scrape"));
        assertEquals("marquee-serving", pod.getMetadata().getLabels().get("app.kubernetes.io/name"));
        assertEquals("serving", pod.getSpec().getContainers().get(0).getName());
        assertTrue(cluster.get("serving-1").getMetadata().getAnnotations() == null
                || !cluster.get("serving-1").getMetadata().getAnnotations()
                        .containsKey(PodVersionReporter.VERSION_ANNOTATION));
    }

    @Test
    void inTheBackgroundItRetriesUntilThePatchLands() throws InterruptedException {
        try (PodVersionReporter reporter = new PodVersionReporter(cluster.apiClient(), MockCluster.NAMESPACE,
                "serving-late", Duration.ofMillis(150))) {
            int before = server.getRequestCount();
            reporter.reportInBackground("v000007");
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (server.getRequestCount() == before && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // At least one PATCH went out, to a pod that is not there (on a busy machine a retry may follow it at once).
            assertTrue(server.getRequestCount() > before, "the first PATCH went out, to a pod that is not there");
            assertTrue(cluster.get("serving-late") == null, "and found no pod");
            cluster.pod("serving-late", true, null);
            assertEquals("v000007", awaitVersion("serving-late", "v000007"));
        }
    }

    @Test
    void inTheBackgroundTheNewestVersionWins() throws InterruptedException {
        cluster.pod("serving-0", true, null);
        try (PodVersionReporter reporter = new PodVersionReporter(cluster.apiClient(), MockCluster.NAMESPACE,
                "serving-0", Duration.ofMillis(50))) {
            for (int v = 1; v <= 5; v++) {
                reporter.reportInBackground("v00000" + v);
            }
            assertEquals("v000005", awaitVersion("serving-0", "v000005"));
            Thread.sleep(300);
            assertEquals("v000005", cluster.versionOf("serving-0"), "no older version lands after the newest");
        }
    }

    private String awaitVersion(String pod, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        String seen = null;
        while (System.nanoTime() < deadline) {
            var p = cluster.get(pod);
            var annotations = p == null ? null : p.getMetadata().getAnnotations();
            seen = annotations == null ? null : annotations.get(PodVersionReporter.VERSION_ANNOTATION);
            if (expected.equals(seen)) {
                return seen;
            }
            Thread.sleep(50);
        }
        return seen;
    }

    @Test
    void aMissingPodOrUnreachableApiIsLoggedNotThrown() {
        PodVersionReporter missing = new PodVersionReporter(cluster.apiClient(), MockCluster.NAMESPACE, "no-such-pod");
        assertDoesNotThrow(() -> missing.report("v000001"));
        PodVersionReporter unreachable = new PodVersionReporter(
                io.kubernetes.client.util.Config.fromUrl("http://127.0.0.1:1", false), MockCluster.NAMESPACE, "p");
        assertDoesNotThrow(() -> unreachable.report("v000001"));
    }

    @Test
    void outsideAClusterItDoesNothing() {
        PodVersionReporter disabled = PodVersionReporter.disabled();
        assertFalse(disabled.enabled());
        assertDoesNotThrow(() -> disabled.report("v000001"));
        assertDoesNotThrow(() -> disabled.reportInBackground("v000001"));
        disabled.close();
        if (System.getenv("KUBERNETES_SERVICE_HOST") == null) {
            assertFalse(PodVersionReporter.fromEnvironment().enabled());
        }
    }
}
