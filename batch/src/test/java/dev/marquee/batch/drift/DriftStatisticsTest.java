package dev.marquee.batch.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PSI and KS against figures computed by hand. */
class DriftStatisticsTest {

    @Test
    void psiOfTwoSharesByHand() {
        // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5) = 0.25 ln 2 + 0.25 ln 1.5
        double expected = 0.25 * Math.log(2) + 0.25 * Math.log(1.5);
        assertEquals(0.274653, expected, 1e-6);
        assertEquals(expected, DriftStatistics.psi(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}, 1e-4), 1e-12);
        assertEquals(expected, DriftStatistics.psi(new double[] {7, 7}, new double[] {10, 30}, 1e-4), 1e-12,
                "counts are taken as shares");
        assertEquals(expected, DriftStatistics.psi(new double[] {0.25, 0.75}, new double[] {0.5, 0.5}, 1e-4), 1e-12,
                "symmetric");
    }

    @Test
    void anEmptyBinTakesEpsilon() {
        // (0.5 - 1) ln(0.5 / 1) + (0.5 - 1e-4) ln(0.5 / 1e-4)
        double expected = 0.5 * Math.log(2) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4);
        assertEquals(4.604319, expected, 1e-6);
        assertEquals(expected, DriftStatistics.psi(new double[] {10, 0}, new double[] {5, 5}, 1e-4), 1e-12);
    }

    @Test
    void psiOfTheSameSharesIsZeroAndBinsMustAgree() {
        assertEquals(0, DriftStatistics.psi(new double[] {1, 2, 3}, new double[] {2, 4, 6}, 1e-4), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.psi(new double[] {1, 2}, new double[] {1, 2, 3}, 1e-4));
    }

    @Test
    void ksStatisticByHand() {
        // ECDFs of {1,2,5,6} and {3,4,7,8}: at 2 they are 0.5 and 0, at 6 they are 1 and 0.5: D = 0.5.
        DriftStatistics.Ks ks = DriftStatistics.ks(new double[] {1, 2, 5, 6}, new double[] {3, 4, 7, 8});
        assertEquals(0.5, ks.d(), 1e-12);
        assertTrue(ks.p() > 0.5, "four against four that far apart is chance: p " + ks.p());
    }

    @Test
    void ksOfDisjointSamplesHasTheExactPValue() {
        // D = 1; of the C(8,4) = 70 ways to split 8 values in two halves, 2 are that far apart: p = 2/70.
        DriftStatistics.Ks ks = DriftStatistics.ks(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8});
        assertEquals(1.0, ks.d(), 1e-12);
        assertEquals(2.0 / 70, ks.p(), 1e-9);
    }

    @Test
    void sharesOfNothingAreZero() {
        assertArrayEquals(new double[] {0, 0}, DriftStatistics.shares(new double[] {0, 0}));
        assertArrayEquals(new double[] {0.25, 0.75}, DriftStatistics.shares(new double[] {1, 3}));
    }
}
