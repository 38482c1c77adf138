package dev.marquee.deploy;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where this process runs: inside a pod (service account, downward-API env) or not. */
public final class InCluster {
    /** Env var set by the Deployment from the downward API: this pod's name. */
    public static final String POD_NAME = "POD_NAME";
    /** Env var set by the Deployment from the downward API: this pod's namespace. */
    public static final String POD_NAMESPACE = "POD_NAMESPACE";

    private InCluster() {}

    /** True when Kubernetes injected its service host (every container in a pod gets it). */
    public static boolean detected() {
        String host = System.getenv(Config.ENV_SERVICE_HOST);
        return host != null && !host.isBlank();
    }

    /** This pod's namespace: POD_NAMESPACE, else the service account's namespace file, else "default". */
    public static String namespace() {
        String env = System.getenv(POD_NAMESPACE);
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        Path file = Path.of(Config.SERVICEACCOUNT_NAMESPACE_PATH);
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "default";
        } catch (IOException e) {
            return "default";
        }
    }

    /** An API client from the pod's service account in a cluster, else from ~/.kube/config. */
    public static ApiClient apiClient() {
        try {
            return Config.defaultClient();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure a Kubernetes API client: " + e.getMessage(), e);
        }
    }
}
