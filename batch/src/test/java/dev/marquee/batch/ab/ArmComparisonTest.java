package dev.marquee.batch.ab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArmComparisonTest {

    @Test
    void wilsonIntervalMatchesTheTextbookValues() {
        // 8 of 10 at 95% (z = 1.96): [0.4902, 0.9433] (Wilson 1927; e.g. Agresti & Coull 1998)
        double[] ci = ArmComparison.wilson(8, 10, 1.959964);
        assertEquals(0.4902, ci[0], 1e-4);
        assertEquals(0.9433, ci[1], 1e-4);
        double[] none = ArmComparison.wilson(0, 50, 1.959964);
        assertEquals(0, none[0], 1e-12);
        assertTrue(none[1] > 0 && none[1] < 0.08, "an interval, not a point, at 0 hits");
    }

    @Test
    void aRealDifferenceIsSignificantAndNoiseIsNot() {
        // 120/1000 vs 90/1000: z = 2.19, p = 0.0285 (pooled two-proportion test)
        List<ArmComparison.Row> rows = ArmComparison.compare(List.of(new ArmComparison.ArmRate("main", 1000, 90),
                new ArmComparison.ArmRate("candidate", 1000, 120), new ArmComparison.ArmRate("control", 1000, 95)), "main", 0.95);
        ArmComparison.Row main = rows.get(0);
        ArmComparison.Row candidate = rows.get(1);
        ArmComparison.Row control = rows.get(2);
        assertTrue(Double.isNaN(main.pValue()) && !main.significant());
        assertEquals(0.03, candidate.difference(), 1e-12);
        assertEquals(0.0285, candidate.pValue(), 5e-4);
        assertTrue(candidate.significant());
        assertTrue(control.pValue() > 0.5 && !control.significant());
        String table = ArmComparison.table(rows, 0.95);
        assertTrue(table.contains("candidate") && table.contains("95% interval") && table.contains("not significant"), table);
        assertThrows(IllegalArgumentException.class, () -> new ArmComparison.ArmRate("x", 5, 6));
    }
}
