package dev.marquee.batch.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.drift.DriftReport;
import dev.marquee.batch.drift.Figure;
import dev.marquee.batch.ingest.DataReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The data report page: counts, verdict, and each drift figure beside its reference. */
class DataPageTest {
    private static final DataReport REPORT = new DataReport(5, 1000, Map.of("rate", 990L, "rejected", 10L),
            Map.of("bad_user", 10L), 0.01, -1, "the data drifted: ratings PSI 2.3962 reached its stop level");

    @Test
    void eachFigureIsChartedBesideTheReferenceWithItsStatisticAndLevel() {
        Figure ratings = new Figure("ratings", "psi", 2.3962, Double.NaN, Figure.Level.STOP, "", List.of("1", "5"),
                new double[] {1, 0}, new double[] {0.5, 0.5});
        Figure first = new Figure("session-minutes", "ks", Double.NaN, Double.NaN, Figure.Level.NONE,
                "no reference yet", List.of("1"), new double[] {1}, new double[0]);
        String page = DataPage.render(REPORT, Optional.of(new DriftReport(5, List.of(2, 3, 4), 0.02,
                List.of(ratings, first))));
        assertTrue(page.contains("<h3>ratings: PSI 2.3962, STOP</h3>"), page);
        assertTrue(page.contains("<h3>session-minutes: KS - (no reference yet), NONE</h3>"), page);
        assertEquals(2, page.split("<svg ", -1).length - 1, "a chart per figure");
        assertTrue(page.contains("this run") && page.contains("reference"), "two series side by side");
        assertTrue(page.contains("<title>5 reference 0.5000</title>"), "the reference's bar of star 5");
        assertTrue(page.contains("Against runs [2, 3, 4]. Level: <b>STOP</b>"), page);
        assertTrue(page.contains("rejected: bad_user"), "the counts too");
        assertTrue(page.contains("the data drifted"), "and the verdict");
    }

    @Test
    void withoutDriftThePageSaysSo() {
        assertTrue(DataPage.render(REPORT, Optional.empty()).contains("Not measured"));
    }
}
