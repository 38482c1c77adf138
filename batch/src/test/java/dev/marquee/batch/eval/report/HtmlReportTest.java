package dev.marquee.batch.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.eval.holdout.Protocol;
import dev.marquee.batch.eval.metrics.ModelEvaluation;
import dev.marquee.batch.eval.metrics.RankingMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static EvaluationReport report() {
        Map<String, ModelEvaluation> models = new LinkedHashMap<>();
        models.put("popularity", new ModelEvaluation(new RankingMetrics(20, 300, 0.0123, 0.11, 0.0871, 0.05, 0.02, 0), null));
        models.put("als", new ModelEvaluation(new RankingMetrics(20, 300, 0.0456, 0.31, 0.2345, 0.17, 0.4, 0.01), null,
                Map.of("rank", 64.0), 9.125));
        return new EvaluationReport(new Protocol("time-cut", "2025-01-08T00:00", "2025-01-09T00:00", "2025-01-07T00:00",
                20, 300, 41, 0.05, 1.0), models)
                .withColdStart("decayed-popularity", new RankingMetrics(20, 41, 0.01, 0.2, 0.0777, 0.05, 0.001, 1))
                .with("published", new ModelEvaluation(new RankingMetrics(20, 300, 0.0456, 0.31, 0.2345, 0.17, 0.4, 0.01), null));
    }

    @Test
    void writesOneSelfContainedPage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reports/eval.html");
        List<HistoryEntry> history = List.of(new HistoryEntry("v000001", "2025-01-01T02:00:00Z", 0.2101, 0.04, 0.3, 0.35),
                new HistoryEntry("v000002", "2025-01-02T02:00:00Z", 0.2345, 0.0456, 0.31, 0.4));
        HtmlReport.write(file, report(), history);

        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.trim().endsWith("</html>"));
        for (String name : List.of("popularity", "als", "published", "v000001", "v000002", "decayed-popularity",
                "2025-01-08T00:00", "5.0%")) {
            assertTrue(html.contains(name), name);
        }
        assertEquals(2, html.split("<svg", -1).length - 1, "a bar chart and a line chart");
        assertEquals(html.split("<svg", -1).length, html.split("</svg>", -1).length, "every svg is closed");
        assertTrue(html.contains("<td>0.2345</td>") && html.contains("<td>9.1</td>") && html.contains("<td>0.0777</td>") && html.contains("<td>0.0871</td>"));
        assertTrue(html.contains("<polyline"), "the trend line");
        assertFalse(html.contains("<script") || html.contains("https://") || html.contains("src="), "opens offline");
    }

    @Test
    void escapesNamesAndSaysWhenThereIsNoHistory() {
        EvaluationReport r = report().with("a<b>", report().models().get("als"));
        String html = HtmlReport.render(r, List.of());
        assertTrue(html.contains("a&lt;b&gt;") && !html.contains("a<b>"));
        assertTrue(html.contains("No published version yet"));
        assertEquals(1, html.split("<svg", -1).length - 1);
    }

    @Test
    void saysWhenTheModelsWereComparedOnAUserSample() {
        EvaluationReport all = report();
        Protocol p = all.protocol();
        EvaluationReport sampled = new EvaluationReport(new Protocol(p.holdout(), p.cut(), p.end(), p.validationCut(), p.k(),
                p.usersEvaluated(), p.newUsers(), p.unreachableShare(), 0.1), all.models());
        assertFalse(HtmlReport.render(all, List.of()).contains("hash sample"));
        assertTrue(HtmlReport.render(sampled, List.of()).contains("hash sample of 10.0% of the users"));
    }
}
