package dev.marquee.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.store.Housekeeping;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.StoreFixture;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.util.Config;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RolloutIT extends RolloutFixture {
    private final List<RolloutProgress> seen = new CopyOnWriteArrayList<>();

    private Rollout rollout(CoreV1Api api, Duration deadline) {
        return new Rollout(api, store, MockCluster.NAMESPACE, config(true, deadline), seen::add);
    }

    @Test
    void confirmsOnceEveryReadyPodReportsTheNewVersion() throws InterruptedException {
        cluster.pod("serving-a", true, "v000001");
        cluster.pod("serving-b", true, "v000001");
        cluster.otherPod("kafka-0");
        // The pods follow one at a time, each after the rollout has looked again: synchronised on its polls, not on time.
        Thread pods = new Thread(() -> {
            awaitPolls(1);
            new PodVersionReporter(cluster.apiClient(), MockCluster.NAMESPACE, "serving-a").report("v000002");
            awaitPolls(2);
            new PodVersionReporter(cluster.apiClient(), MockCluster.NAMESPACE, "serving-b").report("v000002");
        });
        pods.start();

        RolloutResult result = rollout(cluster.api(), Duration.ofSeconds(20)).await("v000002", Optional.of("v000001"));
        pods.join();

        assertEquals(RolloutResult.Outcome.CONFIRMED, result.outcome());
        assertEquals(0, result.exitCode());
        assertEquals(Optional.of("v000002"), store.current());
        assertEquals(2, result.last().pods(), "the kafka pod is not selected");
        assertEquals(2, result.last().atVersion());
        assertFalse(seen.get(0).confirmed(), "first look: both pods still on v000001");
        assertTrue(seen.size() >= 3, "polled while waiting: " + seen);
    }

    @Test
    void rollsCurrentBackOnTheDeadline() {
        cluster.pod("serving-a", true, "v000002");
        cluster.pod("serving-b", true, "v000001");

        RolloutResult result = rollout(cluster.api(), Duration.ofMillis(700)).await("v000002", Optional.of("v000001"));

        assertEquals(RolloutResult.Outcome.ROLLED_BACK, result.outcome());
        assertEquals(RolloutResult.ROLLED_BACK_EXIT, result.exitCode());
        assertEquals(Optional.of("v000001"), store.current(), "CURRENT on disk points at the previous version");
        assertEquals(new StoreLayout(root).current(), Optional.of("v000001"));
        assertEquals(2, result.last().ready());
        assertEquals(1, result.last().atVersion());
        assertTrue(result.elapsed().toMillis() >= 700);
    }

    /** Issue 12, defect 2: the version whose rollout failed must not become the next rollback target. */
    @Test
    void aRolledBackVersionIsNotTheNextRollbackTargetNorProtectedByPrune() throws Exception {
        StoreFixture.publishAndPromote(store, "v000003", 2); // the night's version; no pod ever serves it
        cluster.pod("serving-a", true, "v000002");

        RolloutResult result = rollout(cluster.api(), Duration.ofMillis(400)).await("v000003", Optional.of("v000002"));

        assertEquals(RolloutResult.Outcome.ROLLED_BACK, result.outcome());
        assertEquals(Optional.of("v000002"), store.current());
        assertEquals(Optional.of("v000001"), Housekeeping.previous(store, "v000002"),
                "below v000002 is what served before it, not the failed v000003");

        Housekeeping.Prune prune = Housekeeping.prune(store, 1);
        assertEquals(List.of(), prune.deleted(), "v000001 is the rollback target: kept");
        assertEquals(List.of("v000001", "v000002", "v000003"), prune.kept());

        assertEquals(new Housekeeping.Rollback("v000002", "v000001"), Housekeeping.rollback(store),
                "marquee rollback goes further back, never forward to the failed version");
        assertEquals(Optional.of("v000001"), store.current());
        assertEquals(List.of("promote v000001", "promote v000002", "promote v000003", "rollback v000002",
                "rollback v000001"), Files.readAllLines(store.historyFile()),
                "the rollout recorded a rollback, not a new promote");
    }

    @Test
    void podsThatAreNotReadyAreNotWaitedFor() {
        cluster.pod("serving-a", true, "v000002");
        cluster.pod("serving-starting", false, null);
        cluster.pod("serving-failing", false, "v000001");

        RolloutResult result = rollout(cluster.api(), Duration.ofSeconds(10)).await("v000002", Optional.of("v000001"));

        assertEquals(RolloutResult.Outcome.CONFIRMED, result.outcome());
        assertEquals(3, result.last().pods());
        assertEquals(1, result.last().ready());
        assertEquals(1, result.last().atVersion());
        assertEquals(1, seen.size(), "confirmed at the first look");
    }

    @Test
    void terminatingPodsAreNotWaitedFor() {
        cluster.pod("serving-a", true, "v000002");
        cluster.pod("serving-old", true, "v000001");
        cluster.terminating("serving-old");
        assertTrue(cluster.get("serving-old").getMetadata().getDeletionTimestamp() != null, "still there, terminating");

        RolloutResult result = rollout(cluster.api(), Duration.ofSeconds(10)).await("v000002", Optional.of("v000001"));

        assertEquals(RolloutResult.Outcome.CONFIRMED, result.outcome());
        assertEquals(1, result.last().pods());
        cluster.releaseFinalizers();
    }

    @Test
    void noReadyPodMeansNotConfirmed() {
        cluster.pod("serving-starting", false, "v000002");

        RolloutResult result = rollout(cluster.api(), Duration.ofMillis(400)).await("v000002", Optional.of("v000001"));

        assertEquals(RolloutResult.Outcome.ROLLED_BACK, result.outcome());
        assertEquals(Optional.of("v000001"), store.current());
    }

    @Test
    void aFirstVersionHasNothingToRollBackTo() {
        cluster.pod("serving-a", true, null);

        RolloutResult result = rollout(cluster.api(), Duration.ofMillis(400)).await("v000002", Optional.empty());

        assertEquals(RolloutResult.Outcome.UNCONFIRMED, result.outcome());
        assertEquals(RolloutResult.ROLLED_BACK_EXIT, result.exitCode());
        assertNull(result.previous());
        assertEquals(Optional.of("v000002"), store.current(), "CURRENT left as it is");
    }

    @Test
    void anUnreachableApiRollsBackOnTheDeadline() {
        CoreV1Api unreachable = new CoreV1Api(Config.fromUrl("http://127.0.0.1:1", false));

        RolloutResult result = rollout(unreachable, Duration.ofMillis(500)).await("v000002", Optional.of("v000001"));

        assertEquals(RolloutResult.Outcome.ROLLED_BACK, result.outcome());
        assertEquals(Optional.of("v000001"), store.current());
        assertTrue(result.last().error() != null, "the progress says why: " + result.last());
    }

    /** Waits (up to 20 s) until the rollout has looked at the pods {@code n} times. */
    private void awaitPolls(int n) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (seen.size() < n && System.nanoTime() < deadline) {
            sleep(10);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
