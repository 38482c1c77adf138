package dev.marquee.deploy;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads Kubernetes YAML strictly: SnakeYAML to maps, maps to JSON, JSON into client-java's model
 * classes with its Gson, which rejects unknown fields, missing required fields and wrong types.
 */
final class Manifests {
    /** The kinds k8s/ may hold; a new kind must be added here, with its model class. */
    static final Map<String, Class<? extends KubernetesObject>> KINDS = Map.of(
            "v1/Namespace", V1Namespace.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/PersistentVolumeClaim", V1PersistentVolumeClaim.class,
            "v1/ServiceAccount", V1ServiceAccount.class,
            "v1/Service", V1Service.class,
            "rbac.authorization.k8s.io/v1/Role", V1Role.class,
            "rbac.authorization.k8s.io/v1/RoleBinding", V1RoleBinding.class,
            "apps/v1/Deployment", V1Deployment.class,
            "batch/v1/CronJob", V1CronJob.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class);

    private Manifests() {}

    /** The repository root: the first directory up from the working directory that holds k8s/. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("k8s"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no k8s/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Every non-empty YAML document of {@code text}, as plain maps. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    static List<Map<String, Object>> documents(Path file) {
        return documents(read(file));
    }

    /** One document into its model class, strictly; throws IllegalArgumentException or JsonParseException. */
    static KubernetesObject parse(Map<String, Object> doc) {
        String key = doc.get("apiVersion") + "/" + doc.get("kind");
        Class<? extends KubernetesObject> type = KINDS.get(key);
        if (type == null) {
            throw new IllegalArgumentException("kind " + key + " is not one k8s/ is expected to hold");
        }
        return JSON.deserialize(JSON.getGson().toJson(doc), type);
    }

    /** Every document of {@code text}, strictly parsed. */
    static List<KubernetesObject> parseAll(String text) {
        return documents(text).stream().map(Manifests::parse).toList();
    }

    /** The first object of {@code type} in {@code objects}. */
    static <T> T one(List<KubernetesObject> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> name.equals(((KubernetesObject) o).getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    /** The environment variable names a reference.conf reads ({@code ${?NAME}}). */
    static Set<String> envNames(Path referenceConf) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{\\?([A-Z0-9_]+)}").matcher(read(referenceConf));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
