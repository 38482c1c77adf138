package dev.marquee.deploy;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.PatchUtils;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service side of the rollout: after each swap the service calls {@link #report(String)}, which
 * writes the version it now serves into the annotation {@value #VERSION_ANNOTATION} of its own
 * Pod (a JSON merge patch; the pod's service account needs get/patch on pods). The batch job's
 * {@link Rollout} reads that annotation. Outside a cluster it does nothing.
 *
 * <p>{@link #report} blocks for one API call; {@link #reportInBackground} returns at once (for a
 * swap listener on the service's poller thread), retries a failed patch a few times with backoff,
 * and skips to the newest version when swaps come faster than the API answers. Reporting never
 * throws: a failure is logged as a warning and the service keeps serving (the job's rollout then
 * times out and rolls back, which is the safe side). Close it to stop its background thread.
 */
public final class PodVersionReporter implements AutoCloseable {
    /** The annotation a service pod carries: the store version it serves. */
    public static final String VERSION_ANNOTATION = "marquee.dev/store-version";

    private static final Logger LOG = LoggerFactory.getLogger(PodVersionReporter.class);

    private static final int ATTEMPTS = 5;

    private final ApiClient client;
    private final String namespace;
    private final String podName;
    private final Duration firstRetryDelay;
    private final AtomicReference<String> pending = new AtomicReference<>();
    private ExecutorService background;

    /** Reports to pod {@code podName} in {@code namespace} through {@code client}. */
    public PodVersionReporter(ApiClient client, String namespace, String podName) {
        this(client, namespace, podName, Duration.ofSeconds(1));
    }

    /** As above; background retries wait {@code firstRetryDelay}, then twice as long each time. */
    PodVersionReporter(ApiClient client, String namespace, String podName, Duration firstRetryDelay) {
        if (client == null || namespace == null || namespace.isBlank() || podName == null || podName.isBlank()) {
            throw new IllegalArgumentException("client, namespace and pod name are required");
        }
        this.client = client;
        this.namespace = namespace;
        this.podName = podName;
        this.firstRetryDelay = firstRetryDelay;
    }

    private PodVersionReporter() {
        this.client = null;
        this.namespace = null;
        this.podName = null;
        this.firstRetryDelay = Duration.ZERO;
    }

    /** A reporter that does nothing (no cluster). */
    public static PodVersionReporter disabled() {
        return new PodVersionReporter();
    }

    /**
     * From the environment: in a pod with POD_NAME set (downward API), a reporter with the pod's
     * service account; anywhere else a disabled one, said once in an info log.
     */
    public static PodVersionReporter fromEnvironment() {
        String pod = System.getenv(InCluster.POD_NAME);
        if (!InCluster.detected() || pod == null || pod.isBlank()) {
            LOG.info("not in a Kubernetes pod (no {} or {}): store versions are not reported to the API",
                    io.kubernetes.client.util.Config.ENV_SERVICE_HOST, InCluster.POD_NAME);
            return disabled();
        }
        String namespace = InCluster.namespace();
        LOG.info("reporting store versions to pod {}/{} (annotation {})", namespace, pod, VERSION_ANNOTATION);
        return new PodVersionReporter(InCluster.apiClient(), namespace, pod.trim());
    }

    /** Whether reports reach the API (false outside a cluster). */
    public boolean enabled() {
        return client != null;
    }

    /** Writes {@code versionId} into this pod's {@value #VERSION_ANNOTATION}; logs and returns on failure. */
    public void report(String versionId) {
        if (client != null) {
            tryReport(versionId);
        }
    }

    /**
     * Returns at once; a background thread writes the newest version handed in, retrying a failed
     * patch up to {@value #ATTEMPTS} times with doubling delays unless a newer version arrives.
     */
    public void reportInBackground(String versionId) {
        if (client == null) {
            return;
        }
        if (pending.getAndSet(versionId) == null) {
            try {
                background().execute(this::drain);
            } catch (RejectedExecutionException e) {
                LOG.debug("reporter closed; version {} not reported", versionId);
            }
        }
    }

    private synchronized ExecutorService background() {
        if (background == null) {
            background = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "pod-version-reporter");
                t.setDaemon(true);
                return t;
            });
        }
        return background;
    }

    private void drain() {
        String versionId;
        while ((versionId = pending.getAndSet(null)) != null) {
            long delay = firstRetryDelay.toMillis();
            for (int attempt = 1; !tryReport(versionId) && attempt < ATTEMPTS && pending.get() == null; attempt++) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delay *= 2;
            }
        }
    }

    /** Stops the background thread (a report in flight is abandoned). */
    @Override
    public synchronized void close() {
        if (background != null) {
            background.shutdownNow();
        }
    }

    private boolean tryReport(String versionId) {
        String body = client.getJSON().serialize(
                Map.of("metadata", Map.of("annotations", Map.of(VERSION_ANNOTATION, versionId))));
        CoreV1Api api = new CoreV1Api(client);
        try {
            PatchUtils.patch(V1Pod.class,
                    () -> api.patchNamespacedPod(podName, namespace, new V1Patch(body)).buildCall(null),
                    V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
            LOG.info("pod {}/{} reports store version {}", namespace, podName, versionId);
            return true;
        } catch (ApiException e) {
            LOG.warn("cannot annotate pod {}/{} with version {}: HTTP {} {}", namespace, podName, versionId,
                    e.getCode(), e.getResponseBody());
        } catch (RuntimeException e) {
            LOG.warn("cannot annotate pod {}/{} with version {}: {}", namespace, podName, versionId, e.toString());
        }
        return false;
    }
}
