package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreWriter;
import dev.marquee.testkit.Http;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version with A/B arms served over TCP: each user answered from its arm, named in the JSON answer and the metrics. */
class ArmsServingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private static List<String> list(String arm, long user) {
        return List.of(arm + "+" + user, arm + "+x", arm + "+y");
    }

    @Test
    void eachUserIsAnsweredFromItsArmAndTheAnswerNamesIt() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        try (StoreWriter w = StoreWriter.create(layout, layout.nextVersionId())) {
            w.coldStart(List.of("popular+1"));
            for (long u = 0; u < 400; u++) {
                w.put(u, list("main", u), null);
                w.putArm("candidate", u, list("cand", u), null);
            }
            Manifest m = w.publish(Map.of());
            layout.promote(m.versionId());
        }
        ArmSplit split = ArmSplit.parse("candidate=0.3,control=0.2", "it");
        VersionManager versions = new VersionManager(layout, Duration.ofMillis(50));
        ServingMetrics metrics = new ServingMetrics(versions);
        versions.start();
        Javalin app = new RecommendApp(versions, metrics, Telemetry.OFF, split).create().start("127.0.0.1", 0);
        try {
            dev.marquee.testkit.Await.until("the version opens", () -> versions.openVersion().equals(Optional.of("v000001")));
            // The version's arm has its series at 0 from the swap on, before its first answer (rate() counts that one).
            dev.marquee.testkit.Await.until("the candidate arm's counter at 0",
                    () -> metrics.scrape().contains("marquee_ab_answers_total{arm=\"candidate\"} 0.0\n"));
            Map<String, Integer> arms = new HashMap<>();
            for (long u = 0; u < 400; u++) {
                String expected = split.arm(u, Set.of("candidate"));
                HttpResponse<String> text = Http.get(app.port(), "/recommend/" + u);
                assertEquals(200, text.statusCode());
                String prefix = expected.equals("candidate") ? "cand" : "main";
                assertEquals(String.join(",", list(prefix, u)), text.body(), "user " + u + " in arm " + expected);
                JsonNode json = JSON.readTree(Http.get(app.port(), "/recommend/" + u, "application/json").body());
                assertEquals(expected, json.get("arm").asText());
                arms.merge(expected, 1, Integer::sum);
            }
            assertEquals(Set.of("main", "candidate"), arms.keySet(), "no control arm in this version: its users get main");
            assertEquals(0.3, arms.get("candidate") / 400.0, 0.1);
            // an unknown user in the candidate arm gets the cold-start list and still names its arm
            long stranger = 1000;
            while (!split.arm(stranger, Set.of("candidate")).equals("candidate")) {
                stranger++;
            }
            JsonNode cold = JSON.readTree(Http.get(app.port(), "/recommend/" + stranger, "application/json").body());
            assertTrue(cold.get("coldStart").asBoolean());
            assertEquals("candidate", cold.get("arm").asText());
            String scrape = metrics.scrape();
            assertTrue(scrape.contains("marquee_ab_answers_total{arm=\"candidate\"} " + (2 * arms.get("candidate") + 1) + ".0"),
                    scrape);
            assertTrue(scrape.contains("marquee_ab_answers_total{arm=\"main\"} " + 2 * arms.get("main") + ".0"), scrape);
        } finally {
            app.stop();
            versions.close();
        }
    }
}
