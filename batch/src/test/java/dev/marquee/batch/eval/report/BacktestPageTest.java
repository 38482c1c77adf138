package dev.marquee.batch.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestPageTest {
    private static BacktestPage.Row night(int day, double pop, double ease, String winner) {
        Map<String, Double> ndcg = new LinkedHashMap<>();
        ndcg.put("popularity", pop);
        ndcg.put("ease", ease);
        LocalDateTime end = LocalDateTime.of(2025, 3, day, 23, 0);
        return new BacktestPage.Row(end, end.minusDays(2), 100 + day, ndcg, winner);
    }

    @Test
    void oneLinePerModelAndTheWinnerOfEachNightInBold() {
        String html = BacktestPage.render(List.of(night(1, 0.10, 0.20, "ease"), night(2, 0.30, 0.10, "popularity")), 20);
        assertEquals(1, html.split("<svg", -1).length - 1, "one chart");
        assertEquals(2, html.split("<polyline", -1).length - 1, "a line per model");
        assertTrue(html.contains("2025-03-01") && html.contains("2025-03-02"), "nights label the x axis");
        assertTrue(html.contains("<td class=\"win\">0.2000</td>") && html.contains("<td class=\"win\">0.3000</td>"));
        assertTrue(html.contains("<td>0.2000</td><td>0.1500</td>"), "the means: popularity 0.2, ease 0.15");
        assertFalse(html.contains("<script") || html.contains("https://"), "opens offline");
    }
}
