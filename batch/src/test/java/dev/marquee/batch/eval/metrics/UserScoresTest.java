package dev.marquee.batch.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-user ranking math against hand-computed figures. */
class UserScoresTest {
    private static final double EPS = 1e-9;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void twoHitsOfThreeRelevantInFour() {
        // list [a,b,c,d], relevant {b,d,e}, K=4: hits at positions 2 and 4.
        // P@4 = 2/4; R@4 = 2/3; DCG = 1/log2(3) + 1/log2(5);
        // IDCG over min(3,4)=3 positions = 1 + 1/log2(3) + 1/log2(4);
        // AP@4 = (P@2 + P@4) / min(3,4) = (1/2 + 2/4) / 3 = 1/3.
        UserScores s = UserScores.of(List.of("a", "b", "c", "d"), Set.of("b", "d", "e"), 4);
        assertEquals(0.5, s.precision(), EPS);
        assertEquals(2.0 / 3, s.recall(), EPS);
        assertEquals((1 / log2(3) + 1 / log2(5)) / (1 + 1 / log2(3) + 1 / log2(4)), s.ndcg(), EPS);
        assertEquals(1.0 / 3, s.averagePrecision(), EPS);
    }

    @Test
    void shortListDividesPrecisionByK() {
        // list [x,y], relevant {x}, K=4: one hit at 1. P = 1/4, R = 1, NDCG = 1, AP = 1/1.
        UserScores s = UserScores.of(List.of("x", "y"), Set.of("x"), 4);
        assertEquals(new UserScores(0.25, 1, 1, 1), s);
    }

    @Test
    void hitsBeyondKDoNotCount() {
        UserScores s = UserScores.of(List.of("p", "q", "r", "s", "t"), Set.of("t"), 4);
        assertEquals(UserScores.ZERO, s);
    }

    @Test
    void apIsNormalisedByKWhenMoreRelevantThanK() {
        // list [a,b], relevant {a,b,c}, K=2: both hit. AP = (1/1 + 2/2) / min(3,2) = 1; R = 2/3; NDCG = 1.
        UserScores s = UserScores.of(List.of("a", "b"), Set.of("a", "b", "c"), 2);
        assertEquals(1.0, s.averagePrecision(), EPS);
        assertEquals(2.0 / 3, s.recall(), EPS);
        assertEquals(1.0, s.ndcg(), EPS);
        assertEquals(1.0, s.precision(), EPS);
    }

    @Test
    void rejectsANonPositiveK() {
        assertThrows(IllegalArgumentException.class, () -> UserScores.of(List.of("a"), Set.of("a"), 0));
    }
}
