package dev.marquee.deploy;

import dev.marquee.store.StoreException;
import dev.marquee.store.StoreLayout;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms that the service serves a newly promoted version: lists the service's pods by label
 * selector every poll interval until every ready pod carries the version in its
 * {@value PodVersionReporter#VERSION_ANNOTATION} annotation. Pods that are not ready (starting,
 * failing their probe) or terminating are not waited for. If the deadline passes first, CURRENT
 * is rolled back to the version that served before the run ({@link StoreLayout#rollBack}: only if
 * CURRENT still names the new version; recorded as a rollback in HISTORY), so the pods swap back by
 * themselves.
 */
public final class Rollout {
    private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);

    private final CoreV1Api api;
    private final StoreLayout layout;
    private final String namespace;
    private final RolloutConfig config;
    private final Consumer<RolloutProgress> listener;

    /**
     * @param api the Kubernetes API (the job's service account needs list on pods)
     * @param layout the store whose CURRENT is rolled back on the deadline
     * @param namespace the service's namespace
     * @param config selector, deadline and poll interval
     * @param listener told of every look at the pods (the CLI prints them)
     */
    public Rollout(CoreV1Api api, StoreLayout layout, String namespace, RolloutConfig config,
            Consumer<RolloutProgress> listener) {
        this.api = Objects.requireNonNull(api, "api");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = listener == null ? p -> { } : listener;
    }

    /**
     * Waits until every ready pod reports {@code versionId}, or rolls back to {@code previous} on
     * the deadline (or when interrupted).
     *
     * @param versionId the version just promoted
     * @param previous the version CURRENT named before the run; empty for a store's first version
     */
    public RolloutResult await(String versionId, Optional<String> previous) {
        long start = System.nanoTime();
        long deadline = start + config.deadline().toNanos();
        LOG.info("waiting up to {} for pods '{}' in namespace {} to serve {}", config.deadline(), config.selector(),
                namespace, versionId);
        RolloutProgress last;
        while (true) {
            last = look(versionId, Duration.ofNanos(System.nanoTime() - start));
            listener.accept(last);
            if (last.confirmed()) {
                LOG.info("{}: confirmed", last);
                return new RolloutResult(RolloutResult.Outcome.CONFIRMED, versionId, previous.orElse(null), last,
                        last.elapsed());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !sleep(Math.min(left, config.pollInterval().toNanos()))) {
                break;
            }
        }
        return rollBack(versionId, previous, last, Duration.ofNanos(System.nanoTime() - start));
    }

    private RolloutProgress look(String versionId, Duration elapsed) {
        V1PodList list;
        try {
            list = api.listNamespacedPod(namespace).labelSelector(config.selector()).execute();
        } catch (ApiException e) {
            String why = e.getCode() == 0 ? String.valueOf(e.getMessage()) : "HTTP " + e.getCode();
            return new RolloutProgress(versionId, 0, 0, 0, elapsed, why);
        } catch (RuntimeException e) {
            return new RolloutProgress(versionId, 0, 0, 0, elapsed, e.toString());
        }
        int pods = 0;
        int ready = 0;
        int atVersion = 0;
        for (V1Pod pod : list.getItems()) {
            if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            pods++;
            if (ready(pod)) {
                ready++;
                if (versionId.equals(annotation(pod))) {
                    atVersion++;
                }
            }
        }
        return new RolloutProgress(versionId, pods, ready, atVersion, elapsed, null);
    }

    /** Whether the pod's Ready condition is True. */
    static boolean ready(V1Pod pod) {
        List<V1PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        if (conditions == null) {
            return false;
        }
        return conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String annotation(V1Pod pod) {
        Map<String, String> annotations = pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(PodVersionReporter.VERSION_ANNOTATION);
    }

    private RolloutResult rollBack(String versionId, Optional<String> previous, RolloutProgress last,
            Duration elapsed) {
        Optional<String> current = layout.current();
        if (previous.isEmpty()) {
            LOG.error("{}: not confirmed within {}; no previous version to roll back to, CURRENT stays {}", last,
                    config.deadline(), current.orElse("(none)"));
            return new RolloutResult(RolloutResult.Outcome.UNCONFIRMED, versionId, null, last, elapsed);
        }
        if (!current.equals(Optional.of(versionId))) {
            LOG.error("{}: not confirmed within {}; CURRENT is now {}, not {}: left as it is", last,
                    config.deadline(), current.orElse("(none)"), versionId);
            return new RolloutResult(RolloutResult.Outcome.UNCONFIRMED, versionId, previous.get(), last, elapsed);
        }
        try {
            // An explicit rollback, not a new promote of previous: HISTORY's stack pops back to previous, so the
            // version that failed here is neither the next rollback target nor protected as one by prune.
            layout.rollBack(versionId, previous.get());
        } catch (StoreException e) {
            LOG.error("{}: not confirmed within {}; rollback to {} refused, CURRENT is {}: {}", last,
                    config.deadline(), previous.get(), layout.current().orElse("(none)"), e.getMessage());
            return new RolloutResult(RolloutResult.Outcome.UNCONFIRMED, versionId, previous.get(), last, elapsed);
        }
        LOG.error("{}: not confirmed within {}; CURRENT rolled back to {}", last, config.deadline(), previous.get());
        return new RolloutResult(RolloutResult.Outcome.ROLLED_BACK, versionId, previous.get(), last, elapsed);
    }

    private static boolean sleep(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
