package dev.marquee.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marquee.testkit.PromProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * k8s/monitoring/alert-rules.yml: Prometheus' own {@code promtool} checks it ({@code check rules}) and
 * runs its unit tests ({@code test rules}, deploy/src/test/promtool/alert-rules-test.yml), in which the
 * stale-store, error-rate, no-ready-version and falling-hit-rate alerts fire and stay quiet when they
 * should. Skipped with a message when promtool is absent ({@code .ci/run} installs Debian's
 * {@code prometheus}, which ships it, when it can).
 */
class AlertRulesIT {
    private static final Path ROOT = Manifests.repoRoot();
    private static final Path RULES = ROOT.resolve("k8s/monitoring/alert-rules.yml");
    private static final Path UNIT_TESTS = ROOT.resolve("deploy/src/test/promtool/alert-rules-test.yml");

    private static Path promtool() {
        Optional<Path> promtool = PromProcess.binary("promtool");
        assumeTrue(promtool.isPresent(), "skipped: no promtool on the PATH (apt-get install prometheus; "
                + ".ci/run installs it when it can)");
        return promtool.get();
    }

    @Test
    void promtoolChecksTheRules() throws Exception {
        PromProcess.Result r = PromProcess.run(List.of(promtool().toString(), "check", "rules", RULES.toString()));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("SUCCESS: " + alerts().size() + " rules found"), r.output());
    }

    @Test
    void promtoolUnitTestsFireTheAlerts() throws Exception {
        PromProcess.Result r = PromProcess.run(List.of(promtool().toString(), "test", "rules", UNIT_TESTS.toString()));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
        String tests = Files.readString(UNIT_TESTS);
        for (String fired : List.of("MarqueeStoreStale", "MarqueeErrorRate", "MarqueeNoReadyVersion",
                "MarqueeOnlineHitRateFalling")) {
            assertTrue(Pattern.compile("alertname: " + fired + "\\s+exp_alerts:\\s+- exp_labels").matcher(tests).find(),
                    "a unit test expects " + fired + " to fire");
        }
    }

    @Test
    void theRulesCoverWhatTheServiceCanGetWrongAndReadDocumentedMetrics() throws Exception {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> alert : alerts()) {
            names.add((String) alert.get("alert"));
            Map<?, ?> annotations = (Map<?, ?>) alert.get("annotations");
            assertTrue(annotations != null && annotations.containsKey("summary") && annotations.containsKey("description"),
                    alert.get("alert") + " says what happened");
            assertTrue(((Map<?, ?>) alert.get("labels")).containsKey("severity"), alert.get("alert") + " has a severity");
        }
        assertTrue(names.containsAll(Set.of("MarqueeNoReadyVersion", "MarqueeErrorRate", "MarqueeLatencyP99",
                "MarqueeTelemetryDrops", "MarqueeStoreStale", "MarqueeOnlineHitRateFalling")), names.toString());
        String doc = Files.readString(ROOT.resolve("docs/metrics.md"));
        Matcher m = Pattern.compile("\\bmarquee_[a-z0-9_]+").matcher(Files.readString(RULES).replaceAll("(?m)#.*$", ""));
        Set<String> undocumented = new TreeSet<>();
        while (m.find()) {
            String metric = m.group().replaceAll("_(bucket|count|sum)$", "");
            if (!doc.contains("`" + metric)) {
                undocumented.add(metric);
            }
        }
        assertEquals(Set.of(), undocumented, "metrics the rules read that docs/metrics.md does not list");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts() {
        List<Map<String, Object>> alerts = new ArrayList<>();
        Map<String, Object> file = Manifests.documents(RULES).get(0);
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            alerts.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return alerts;
    }
}
