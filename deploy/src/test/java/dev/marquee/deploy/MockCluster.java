package dev.marquee.deploy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.util.Config;
import java.util.Map;

/** Pods in fabric8's mock API server (CRUD mode), and the official client pointed at it. */
final class MockCluster {
    static final String NAMESPACE = "marquee";
    static final String SELECTOR = "app.kubernetes.io/name=marquee-serving";

    private final KubernetesMockServer server;
    private final KubernetesClient fabric8;

    /** Wraps the mock; starts from a namespace without pods (the mock may be shared by a class's tests). */
    MockCluster(KubernetesMockServer server, KubernetesClient fabric8) {
        this.server = server;
        this.fabric8 = fabric8;
        releaseFinalizers();
        fabric8.pods().inNamespace(NAMESPACE).delete();
    }

    /** The official client, over HTTP to the mock. */
    ApiClient apiClient() {
        String url = server.url("/");
        return Config.fromUrl(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, false);
    }

    CoreV1Api api() {
        return new CoreV1Api(apiClient());
    }

    /** Creates a service pod; {@code version} null means no annotation yet. */
    void pod(String name, boolean ready, String version) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withLabels(Map.of("app.kubernetes.io/name", "marquee-serving", "app.kubernetes.io/part-of", "marquee"))
                .endMetadata()
                .withNewSpec().addNewContainer().withName("serving").withImage("marquee-serving").endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus();
        if (version != null) {
            b.editMetadata().addToAnnotations(PodVersionReporter.VERSION_ANNOTATION, version).endMetadata();
        }
        fabric8.pods().inNamespace(NAMESPACE).resource(b.build()).create();
    }

    /** Another app's pod in the namespace: must be ignored by the selector. */
    void otherPod(String name) {
        fabric8.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("app.kubernetes.io/name", "kafka")).endMetadata()
                .withNewSpec().addNewContainer().withName("kafka").withImage("kafka").endContainer().endSpec()
                .build()).create();
    }

    /** Deletes a pod that holds a finalizer: it stays, terminating (deletionTimestamp set). */
    void terminating(String name) {
        fabric8.pods().inNamespace(NAMESPACE).withName(name)
                .edit(p -> { p.getMetadata().getFinalizers().add("marquee.dev/test"); return p; });
        fabric8.pods().inNamespace(NAMESPACE).withName(name).delete();
    }

    /** Removes the test's finalizers so that the namespace can be emptied. */
    void releaseFinalizers() {
        for (Pod p : fabric8.pods().inNamespace(NAMESPACE).list().getItems()) {
            if (!p.getMetadata().getFinalizers().isEmpty()) {
                fabric8.pods().inNamespace(NAMESPACE).withName(p.getMetadata().getName())
                        .edit(x -> { x.getMetadata().getFinalizers().clear(); return x; });
            }
        }
    }

    Pod get(String name) {
        return fabric8.pods().inNamespace(NAMESPACE).withName(name).get();
    }

    String versionOf(String name) {
        return get(name).getMetadata().getAnnotations().get(PodVersionReporter.VERSION_ANNOTATION);
    }
}
