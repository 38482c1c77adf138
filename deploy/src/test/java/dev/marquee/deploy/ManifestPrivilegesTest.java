package dev.marquee.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Non-root pods, least RBAC and no secrets in the repository, kept so: fails if any manifest under
 * k8s/ asks for more (privileged or host access, root, added capabilities, cluster-wide or write
 * rights, a Secret or a credential written in plain text), or if a tracked file holds a private key.
 */
class ManifestPrivilegesTest {

    private static final Path ROOT = Manifests.repoRoot();
    private static final Set<String> FORBIDDEN_KINDS = Set.of("Secret", "ClusterRole", "ClusterRoleBinding",
            "PodSecurityPolicy");
    private static final Set<String> WRITE_VERBS = Set.of("*", "create", "update", "delete", "deletecollection",
            "escalate", "bind", "impersonate");
    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(password|passwd|token|secret|api_?key|credential).*");

    @Test
    void noManifestAsksForMoreThanItHasToday() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                for (Map<String, Object> doc : Manifests.documents(f)) {
                    found.addAll(violations(ROOT.relativize(f) + " " + doc.get("kind"), doc));
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theCheckFindsWhatItLooksFor() {
        String bad = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                rules:
                  - resources: ["secrets"]
                    verbs: ["get", "create"]
                ---
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      hostNetwork: true
                      securityContext: {runAsUser: 0}
                      volumes: [{name: h, hostPath: {path: /}}]
                      containers:
                        - name: c
                          securityContext: {privileged: true, capabilities: {add: [NET_ADMIN]}}
                          env: [{name: DB_PASSWORD, value: hunter2}]
                ---
                apiVersion: v1
                kind: Secret
                """;
        List<String> found = new ArrayList<>();
        for (Map<String, Object> doc : Manifests.documents(bad)) {
            found.addAll(violations("fixture " + doc.get("kind"), doc));
        }
        String all = String.join("\n", found);
        for (String expected : List.of("secrets", "create", "hostNetwork", "runAsUser", "hostPath", "privileged",
                "capabilities.add", "DB_PASSWORD", "kind Secret")) {
            assertTrue(all.contains(expected), expected + " not found in:\n" + all);
        }
    }

    @Test
    void noTrackedFileHoldsAPrivateKeyOrRegistryCredentials() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "ls-files", "-z").directory(ROOT.toFile()).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor());
        // A PEM private key, or a registry login written out (a base64 "auth" value; ci/publish.sh's "%s" template is not one).
        Pattern key = Pattern.compile("-----BEGIN ([A-Z]+ )?PRIVATE KEY-----|\"auth\"\\s*:\\s*\"[A-Za-z0-9+/]{12,}={0,2}\"");
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (String name : listing.split("\0")) {
            Path f = ROOT.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(f) || Files.size(f) > 1 << 20 || name.endsWith(".java")) {
                continue;
            }
            scanned++;
            if (key.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).find()) {
                found.add(name);
            }
        }
        assertTrue(scanned > 50, "the repository's files were read: " + scanned);
        assertEquals(List.of(), found, "files that hold a private key or registry credentials");
    }

    /** What {@code node} (a manifest document, or a part of one) asks for beyond the rules above. */
    @SuppressWarnings("unchecked")
    static List<String> violations(String where, Object node) {
        List<String> out = new ArrayList<>();
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> m = (Map<String, Object>) raw;
            if (m.get("kind") instanceof String kind && FORBIDDEN_KINDS.contains(kind)) {
                out.add(where + ": kind " + kind);
            }
            for (String flag : List.of("privileged", "hostNetwork", "hostPID", "hostIPC", "allowPrivilegeEscalation")) {
                if (Boolean.TRUE.equals(m.get(flag))) {
                    out.add(where + ": " + flag + " true");
                }
            }
            if (Boolean.FALSE.equals(m.get("runAsNonRoot"))) {
                out.add(where + ": runAsNonRoot false");
            }
            if (m.get("runAsUser") instanceof Number n && n.longValue() == 0) {
                out.add(where + ": runAsUser 0");
            }
            if (m.containsKey("hostPath")) {
                out.add(where + ": hostPath volume");
            }
            if (m.get("capabilities") instanceof Map<?, ?> caps && caps.get("add") instanceof List<?> add && !add.isEmpty()) {
                out.add(where + ": capabilities.add " + add);
            }
            if (m.get("rules") instanceof List<?> rules) {
                for (Object r : rules) {
                    Map<String, Object> rule = (Map<String, Object>) r;
                    List<Object> resources = (List<Object>) rule.getOrDefault("resources", List.of());
                    List<Object> verbs = (List<Object>) rule.getOrDefault("verbs", List.of());
                    if (resources.contains("*") || resources.contains("secrets")) {
                        out.add(where + ": rights on resources " + resources);
                    }
                    for (Object v : verbs) {
                        if (WRITE_VERBS.contains(v)) {
                            out.add(where + ": verb " + v);
                        }
                    }
                }
            }
            if (m.get("name") instanceof String name && m.containsKey("value") && CREDENTIAL.matcher(name).matches()) {
                out.add(where + ": credential " + name + " written in plain text");
            }
            if ("ConfigMap".equals(m.get("kind")) && m.get("data") instanceof Map<?, ?> data) {
                for (Object k : data.keySet()) {
                    if (CREDENTIAL.matcher(String.valueOf(k)).matches()) {
                        out.add(where + ": credential " + k + " in a ConfigMap");
                    }
                }
            }
            for (Object v : m.values()) {
                out.addAll(violations(where, v));
            }
        } else if (node instanceof List<?> list) {
            for (Object v : list) {
                out.addAll(violations(where, v));
            }
        }
        return out;
    }
}
