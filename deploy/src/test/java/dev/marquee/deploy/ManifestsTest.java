package dev.marquee.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParseException;
import com.typesafe.config.ConfigFactory;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The manifests in k8s/: they parse strictly, fit together, and match what the code exposes. */
class ManifestsTest {
    private static final Path ROOT = Manifests.repoRoot();
    private static final Path BASE = ROOT.resolve("k8s/base");
    private static final Path MICROK8S = ROOT.resolve("k8s/overlays/microk8s");
    private static final Path MONITORING = ROOT.resolve("k8s/monitoring");
    private static final String IMAGE_PREFIX = "docker.io/marquee/";

    /** The base's resources, each document parsed strictly. */
    private static List<KubernetesObject> base() {
        List<KubernetesObject> objects = new ArrayList<>();
        for (String file : listed(BASE, "resources")) {
            objects.addAll(Manifests.parseAll(Manifests.read(BASE.resolve(file))));
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static List<String> listed(Path dir, String field) {
        Map<String, Object> k = Manifests.documents(dir.resolve("kustomization.yaml")).get(0);
        List<Object> entries = (List<Object>) k.getOrDefault(field, List.of());
        List<String> files = new ArrayList<>();
        for (Object e : entries) {
            files.add(e instanceof Map<?, ?> m ? (String) m.get("path") : (String) e);
        }
        return files;
    }

    @Test
    void everyResourceParsesIntoTheOfficialModelAndEveryFileIsUsed() throws IOException {
        List<KubernetesObject> objects = base();
        assertEquals(14, objects.size(), "namespace, 2 config maps, PVC, 2 accounts, 2 roles, 2 bindings, "
                + "deployment, service, disruption budget, cron job");
        Set<Path> used = new HashSet<>();
        for (Path dir : List.of(BASE, MICROK8S, MONITORING)) {
            used.add(dir.resolve("kustomization.yaml"));
            for (String f : generatedFrom(dir)) {
                used.add(dir.resolve(f).normalize());
            }
            for (String f : listed(dir, "resources")) {
                used.add(dir.resolve(f).normalize());
            }
            for (String f : listed(dir, "patches")) {
                Path patch = dir.resolve(f);
                used.add(patch);
                // a patch is a partial object: its kind must be known, and the rendering checks it
                for (Map<String, Object> doc : Manifests.documents(patch)) {
                    assertTrue(Manifests.KINDS.containsKey(doc.get("apiVersion") + "/" + doc.get("kind")), patch.toString());
                }
            }
        }
        try (Stream<Path> files = Files.walk(ROOT.resolve("k8s"))) {
            files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .forEach(p -> assertTrue(used.contains(p.normalize()) || Files.isDirectory(p),
                            p + " is in no kustomization"));
        }
    }

    /** The files a kustomization's configMapGenerator entries read. */
    @SuppressWarnings("unchecked")
    private static List<String> generatedFrom(Path dir) {
        Map<String, Object> k = Manifests.documents(dir.resolve("kustomization.yaml")).get(0);
        List<String> files = new ArrayList<>();
        for (Object g : (List<Object>) k.getOrDefault("configMapGenerator", List.of())) {
            files.addAll((List<String>) ((Map<String, Object>) g).getOrDefault("files", List.of()));
        }
        return files;
    }

    @Test
    void monitoringRendersTheAlertRulesIntoAConfigMapOfTheirOwn() throws IOException, InterruptedException {
        assertEquals(List.of("alert-rules.yml"), generatedFrom(MONITORING));
        Optional<Path> kubectl = Kustomize.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl is not installed: `kubectl kustomize` rendering not checked here");
        List<KubernetesObject> rendered = Manifests.parseAll(Kustomize.render(kubectl.get(), MONITORING));
        assertEquals(1, rendered.size());
        V1ConfigMap rules = Manifests.one(rendered, V1ConfigMap.class, "marquee-alert-rules");
        assertEquals("marquee", rules.getMetadata().getNamespace());
        assertEquals("marquee", rules.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
        assertEquals(Files.readString(MONITORING.resolve("alert-rules.yml")), rules.getData().get("alert-rules.yml"),
                "the ConfigMap carries the rules file as it is");
    }

    @Test
    void theStrictParserRejectsUnknownFieldsMissingFieldsAndWrongTypes() {
        String good = """
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  selector: {app: x}
                  ports: [{name: http, port: 8082, targetPort: http}]
                """;
        assertEquals("s", Manifests.parseAll(good).get(0).getMetadata().getName());
        Map<String, String> broken = Map.of(
                good.replace("selector:", "selektor:"), "The field `selektor` in the JSON string is not defined",
                good.replace("port: 8082, ", ""), "The required field `port` is not found",
                good.replace("port: 8082", "port: [8082]"), "Expected NUMBER but was BEGIN_ARRAY",
                good.replace("kind: Service", "kind: Servise"), "kind v1/Servise is not one");
        for (var b : broken.entrySet()) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> Manifests.parseAll(b.getKey()), b.getKey());
            assertTrue(e instanceof IllegalArgumentException || e instanceof JsonParseException, e.toString());
            assertTrue(e.getMessage().contains(b.getValue()), e.getMessage());
        }
        String deploymentTypo = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  replicas: "two"
                  selector: {matchLabels: {app: x}}
                  template: {metadata: {labels: {app: x}}, spec: {containers: [{name: c, image: i}]}}
                """;
        assertThrows(JsonParseException.class, () -> Manifests.parseAll(deploymentTypo));
        assertNotNull(Manifests.parseAll(deploymentTypo.replace("\"two\"", "2")).get(0));
    }

    @Test
    void selectorsMatchThePodsTheyMean() {
        List<KubernetesObject> objects = base();
        V1Deployment serving = Manifests.one(objects, V1Deployment.class, "marquee-serving");
        Map<String, String> podLabels = serving.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> selector = serving.getSpec().getSelector().getMatchLabels();
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "deployment selector " + selector);
        V1Service service = Manifests.one(objects, V1Service.class, "marquee-serving");
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        V1PodDisruptionBudget budget = Manifests.one(objects, V1PodDisruptionBudget.class, "marquee-serving");
        assertTrue(podLabels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()));
        assertTrue(budget.getSpec().getMinAvailable().getIntValue() < serving.getSpec().getReplicas(),
                "a drain can still move one pod at a time");

        // the rollout lists exactly the service's pods, by the default selector and by the job's config
        V1ConfigMap batchEnv = Manifests.one(objects, V1ConfigMap.class, "marquee-batch");
        String configured = batchEnv.getData().get("MARQUEE_ROLLOUT_SELECTOR");
        String byDefault = RolloutConfig.load(ConfigFactory.defaultReference()).selector();
        for (String s : List.of(configured, byDefault)) {
            assertTrue(matches(s, podLabels), s + " selects the serving pods");
        }
        V1CronJob batch = Manifests.one(objects, V1CronJob.class, "marquee-batch");
        Map<String, String> jobPodLabels = batch.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels();
        assertFalse(matches(configured, jobPodLabels), "the job's own pod is not waited for");
        assertFalse(jobPodLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                "the job's pod gets no traffic");
    }

    private static boolean matches(String equalitySelector, Map<String, String> labels) {
        for (String term : equalitySelector.split(",")) {
            String[] kv = term.split("=", 2);
            if (!kv[1].trim().equals(labels.get(kv[0].trim()))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void probesAndPortsNameWhatTheServiceExposes() {
        List<KubernetesObject> objects = base();
        V1Deployment serving = Manifests.one(objects, V1Deployment.class, "marquee-serving");
        V1Container c = serving.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("http", c.getPorts().get(0).getName());
        assertEquals(8082, c.getPorts().get(0).getContainerPort());
        V1ConfigMap env = Manifests.one(objects, V1ConfigMap.class, "marquee-serving");
        assertEquals("8082", env.getData().get("MARQUEE_SERVING_PORT"));
        assertProbe(c.getReadinessProbe(), "/readyz");
        assertProbe(c.getLivenessProbe(), "/healthz");
        assertProbe(c.getStartupProbe(), "/healthz");

        Path app = ROOT.resolve("serving/src/main/java/dev/marquee/serving/RecommendApp.java");
        if (Files.exists(app)) {
            String source = Manifests.read(app);
            assertTrue(source.contains("\"/readyz\"") && source.contains("\"/healthz\""), "routes of " + app);
        }
        Path servingConf = ROOT.resolve("serving/src/main/resources/reference.conf");
        assertEquals(8082, ConfigFactory.parseFile(servingConf.toFile()).resolve().getInt("marquee.serving.port"));

        V1ServicePort port = Manifests.one(objects, V1Service.class, "marquee-serving").getSpec().getPorts().get(0);
        assertEquals("http", port.getName());
        assertEquals("http", port.getTargetPort().getStrValue());
        assertEquals("ClusterIP", Manifests.one(objects, V1Service.class, "marquee-serving").getSpec().getType());

        Map<String, String> annotations = serving.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("8082", annotations.get("prometheus.io/port"));
        assertEquals("/metrics", annotations.get("prometheus.io/path"));
    }

    private static void assertProbe(V1Probe probe, String path) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals("http", probe.getHttpGet().getPort().getStrValue(), "probes name the port");
    }

    @Test
    void imagesAreTheOnesCiPublishes() {
        String version = projectVersion();
        List<KubernetesObject> objects = base();
        V1Deployment serving = Manifests.one(objects, V1Deployment.class, "marquee-serving");
        assertEquals(IMAGE_PREFIX + "marquee-serving:" + version,
                serving.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        V1CronJob batch = Manifests.one(objects, V1CronJob.class, "marquee-batch");
        V1Container job = batch.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(IMAGE_PREFIX + "marquee-batch:" + version, job.getImage());
        assertTrue((job.getArgs() == null || job.getArgs().isEmpty()) && (job.getCommand() == null || job.getCommand().isEmpty()), "the image's entry point runs `Marquee batch`");
    }

    private static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>marquee-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Manifests.read(ROOT.resolve("pom.xml")));
        assertTrue(m.find(), "parent version in pom.xml");
        return m.group(1);
    }

    @Test
    void podsAreLockedDownAndSized() {
        List<KubernetesObject> objects = base();
        V1Deployment serving = Manifests.one(objects, V1Deployment.class, "marquee-serving");
        V1CronJob batch = Manifests.one(objects, V1CronJob.class, "marquee-batch");
        for (V1PodSpec pod : List.of(serving.getSpec().getTemplate().getSpec(),
                batch.getSpec().getJobTemplate().getSpec().getTemplate().getSpec())) {
            assertTrue(pod.getSecurityContext().getRunAsNonRoot());
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
            assertNotNull(pod.getServiceAccountName());
            assertNotNull(pod.getTerminationGracePeriodSeconds());
            V1Container c = pod.getContainers().get(0);
            assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
            assertTrue(c.getSecurityContext().getRunAsNonRoot());
            assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
            assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
            assertEquals("RuntimeDefault", c.getSecurityContext().getSeccompProfile().getType());
            for (String r : List.of("cpu", "memory")) {
                assertNotNull(c.getResources().getRequests().get(r), r + " request");
                assertNotNull(c.getResources().getLimits().get(r), r + " limit");
            }
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")
                    && volume(pod, m.getName()).getEmptyDir() != null), "a writable /tmp for RocksDB's natives");
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/data")
                    && "marquee-data".equals(volume(pod, m.getName()).getPersistentVolumeClaim().getClaimName())));
            for (String name : List.of("POD_NAME", "POD_NAMESPACE")) {
                V1EnvVar e = c.getEnv().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
                assertTrue(e.getValueFrom().getFieldRef().getFieldPath().startsWith("metadata."), name);
            }
        }
        assertEquals(2, serving.getSpec().getReplicas());
        assertEquals("0", serving.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().toString());
        assertEquals("1", serving.getSpec().getStrategy().getRollingUpdate().getMaxSurge().toString());
        assertEquals("Forbid", batch.getSpec().getConcurrencyPolicy());
        assertNotNull(batch.getSpec().getTimeZone());
        assertNotNull(batch.getSpec().getStartingDeadlineSeconds());
        assertNotNull(batch.getSpec().getSuccessfulJobsHistoryLimit());
        assertNotNull(batch.getSpec().getFailedJobsHistoryLimit());
        assertNotNull(batch.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds());
        assertNotNull(batch.getSpec().getJobTemplate().getSpec().getBackoffLimit());
        assertEquals(List.of(2, 3, RolloutResult.ROLLED_BACK_EXIT), batch.getSpec().getJobTemplate().getSpec()
                .getPodFailurePolicy().getRules().get(0).getOnExitCodes().getValues(), "verdicts are not retried");
        assertNotNull(Manifests.one(objects, V1PersistentVolumeClaim.class, "marquee-data"));
    }

    private static V1Volume volume(V1PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void environmentNamesAreOnesTheCodeReads() {
        Set<String> batchNames = new HashSet<>(Manifests.envNames(ROOT.resolve("batch/src/main/resources/reference.conf")));
        batchNames.addAll(Manifests.envNames(ROOT.resolve("deploy/src/main/resources/reference.conf")));
        Set<String> servingNames = Manifests.envNames(ROOT.resolve("serving/src/main/resources/reference.conf"));
        assertTrue(batchNames.contains("MARQUEE_KAFKA_BOOTSTRAP") && servingNames.contains("MARQUEE_SERVING_PORT"));
        List<KubernetesObject> objects = base();
        Map<String, Set<String>> known = Map.of("marquee-batch", batchNames, "marquee-serving", servingNames);
        for (var e : known.entrySet()) {
            for (String key : Manifests.one(objects, V1ConfigMap.class, e.getKey()).getData().keySet()) {
                assertTrue(e.getValue().contains(key) || key.equals("JAVA_TOOL_OPTIONS"),
                        key + " in ConfigMap " + e.getKey() + " is read by no reference.conf");
            }
        }
        // the heap set in JAVA_TOOL_OPTIONS leaves native memory room under the container's limit
        V1Deployment serving = Manifests.one(objects, V1Deployment.class, "marquee-serving");
        V1CronJob batch = Manifests.one(objects, V1CronJob.class, "marquee-batch");
        Map<String, V1Container> containers = Map.of(
                "marquee-serving", serving.getSpec().getTemplate().getSpec().getContainers().get(0),
                "marquee-batch", batch.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0));
        for (var e : containers.entrySet()) {
            String options = Manifests.one(objects, V1ConfigMap.class, e.getKey()).getData().get("JAVA_TOOL_OPTIONS");
            Matcher xmx = Pattern.compile("-Xmx(\\d+)([mg])").matcher(options);
            assertTrue(xmx.find(), e.getKey() + ": MaxRAMPercentage here would lose to the image's command line");
            long heap = Long.parseLong(xmx.group(1)) << (xmx.group(2).equals("g") ? 30 : 20);
            long limit = e.getValue().getResources().getLimits().get("memory").getNumber().longValue();
            assertTrue(heap <= limit * 3 / 4, e.getKey() + ": heap " + heap + " of limit " + limit);
        }
        V1ConfigMap overlayKafka = (V1ConfigMap) Manifests.parse(Manifests.documents(MICROK8S.resolve("kafka.yaml")).get(0));
        assertTrue(batchNames.containsAll(overlayKafka.getData().keySet()));
    }

    @Test
    void accountsHoldTheLeastTheyNeed() {
        List<KubernetesObject> objects = base();
        V1Role serving = Manifests.one(objects, V1Role.class, "marquee-serving");
        assertEquals(1, serving.getRules().size());
        assertEquals(List.of("pods"), serving.getRules().get(0).getResources());
        assertEquals(List.of("get", "patch"), serving.getRules().get(0).getVerbs());
        V1Role batch = Manifests.one(objects, V1Role.class, "marquee-batch");
        assertEquals(1, batch.getRules().size());
        assertEquals(List.of("pods"), batch.getRules().get(0).getResources());
        assertEquals(List.of("get", "list", "watch"), batch.getRules().get(0).getVerbs());
        for (String name : List.of("marquee-serving", "marquee-batch")) {
            V1RoleBinding b = Manifests.one(objects, V1RoleBinding.class, name);
            assertEquals(name, b.getRoleRef().getName());
            assertEquals("ServiceAccount", b.getSubjects().get(0).getKind());
            assertEquals(name, b.getSubjects().get(0).getName());
        }
        assertEquals("marquee-serving", Manifests.one(objects, V1Deployment.class, "marquee-serving")
                .getSpec().getTemplate().getSpec().getServiceAccountName());
        assertEquals("marquee-batch", Manifests.one(objects, V1CronJob.class, "marquee-batch")
                .getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getServiceAccountName());
    }

    @Test
    void kustomizeRendersBaseAndOverlayIntoValidObjects() throws IOException, InterruptedException {
        Optional<Path> kubectl = Kustomize.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl is not installed: `kubectl kustomize` rendering not checked here");
        List<KubernetesObject> base = Manifests.parseAll(Kustomize.render(kubectl.get(), BASE));
        assertEquals(base().size(), base.size());
        List<KubernetesObject> micro = Manifests.parseAll(Kustomize.render(kubectl.get(), MICROK8S));
        assertEquals(base.size(), micro.size());
        for (KubernetesObject o : micro) {
            if (!o.getKind().equals("Namespace")) {
                assertEquals("marquee", o.getMetadata().getNamespace(), o.getKind() + " " + o.getMetadata().getName());
            }
            assertEquals("marquee", o.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
        }
        Map<String, Object> schedulePatch = Manifests.documents(MICROK8S.resolve("nightly-schedule.yaml")).get(0);
        V1CronJob cron = Manifests.one(micro, V1CronJob.class, "marquee-batch");
        @SuppressWarnings("unchecked")
        Map<String, Object> patchSpec = (Map<String, Object>) schedulePatch.get("spec");
        assertEquals(patchSpec.get("schedule"), cron.getSpec().getSchedule());
        assertEquals(patchSpec.get("timeZone"), cron.getSpec().getTimeZone());
        assertNotNull(cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("microk8s-hostpath", Manifests.one(micro, V1PersistentVolumeClaim.class, "marquee-data")
                .getSpec().getStorageClassName());
        assertEquals("kafka.kafka.svc.cluster.local:9092", Manifests.one(micro, V1ConfigMap.class, "marquee-batch")
                .getData().get("MARQUEE_KAFKA_BOOTSTRAP"));
        assertEquals("/data/store", Manifests.one(micro, V1ConfigMap.class, "marquee-batch")
                .getData().get("MARQUEE_STORE_ROOT"), "the patch merges into the base's ConfigMap");
        V1RoleBinding binding = Manifests.one(micro, V1RoleBinding.class, "marquee-batch");
        assertEquals("marquee", binding.getSubjects().get(0).getNamespace());
    }
}
