package dev.marquee.deploy;

import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.StoreFixture;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollout tests' fixture: fabric8's mock API server (CRUD mode, its namespace emptied before each test) and a
 * real store on disk with v000001 and v000002, CURRENT on v000002.
 */
@EnableKubernetesMockClient(crud = true, https = false)
abstract class RolloutFixture {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path root;

    MockCluster cluster;
    StoreLayout store;

    @BeforeEach
    void setUpClusterAndStore() {
        cluster = new MockCluster(server, client);
        store = StoreFixture.twoVersions(root);
    }

    /** The mock cluster's namespace and selector, polled every 100 ms until {@code deadline}. */
    static RolloutConfig config(boolean enabled, Duration deadline) {
        return new RolloutConfig(enabled, MockCluster.NAMESPACE, MockCluster.SELECTOR, deadline, Duration.ofMillis(100));
    }
}
