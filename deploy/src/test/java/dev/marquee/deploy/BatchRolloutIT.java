package dev.marquee.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.testkit.StoreFixture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchRolloutIT extends RolloutFixture {
    private final List<String> printed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUpPods() {
        cluster.pod("serving-a", true, "v000002");
        cluster.pod("serving-b", true, "v000002");
    }

    /** A nightly run that publishes v000003, whose pods follow it (or not). */
    private int publishV3(boolean podsFollow) {
        StoreFixture.publish(store, "v000003", 2);
        store.promote("v000003");
        if (podsFollow) {
            for (String pod : List.of("serving-a", "serving-b")) {
                new PodVersionReporter(cluster.apiClient(), MockCluster.NAMESPACE, pod).report("v000003");
            }
        }
        return 0;
    }

    @Test
    void aPublishedVersionThatThePodsServeExitsZero() {
        int code = BatchRollout.run(root, config(true, Duration.ofSeconds(10)), () -> publishV3(true), printed::add,
                cluster::apiClient);
        assertEquals(0, code);
        assertEquals(Optional.of("v000003"), store.current());
        assertTrue(printed.get(printed.size() - 1).contains("confirmed"), printed.toString());
    }

    @Test
    void aPublishedVersionThePodsDoNotServeIsRolledBackWithExitFour() {
        int code = BatchRollout.run(root, config(true, Duration.ofMillis(500)), () -> publishV3(false), printed::add,
                cluster::apiClient);
        assertEquals(RolloutResult.ROLLED_BACK_EXIT, code);
        assertEquals(Optional.of("v000002"), store.current());
        assertTrue(printed.stream().anyMatch(l -> l.contains("2 ready, 0 at v000003")), printed.toString());
    }

    @Test
    void aRunThatPublishedNothingKeepsItsExitCodeAndAsksNoApi() {
        int code = BatchRollout.run(root, config(true, Duration.ofSeconds(10)), () -> 3, printed::add, () -> {
            throw new AssertionError("no API call without a new version");
        });
        assertEquals(3, code);
        assertEquals(List.of(), printed);
    }

    @Test
    void disabledItOnlyRunsTheJob() {
        int code = BatchRollout.run(root, config(false, Duration.ofMillis(100)), () -> publishV3(false), printed::add,
                () -> {
                    throw new AssertionError("disabled");
                });
        assertEquals(0, code);
        assertEquals(Optional.of("v000003"), store.current());
    }
}
