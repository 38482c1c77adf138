package dev.marquee.batch.candidates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** EASE's closed form through PyTorch: B = I - P diag(1/diag(P)), P = (G + lambda I)^-1. */
class EaseSolverTest {

    @Test
    void twoByTwoByHand() {
        // G + I = [[3,1],[1,3]], P = 1/8 [[3,-1],[-1,3]], B_01 = -P_01 / P_11 = (1/8) / (3/8) = 1/3
        float[] b = EaseSolver.weights(new float[] {2, 1, 1, 2}, 2, 1.0);
        assertArrayEquals(new float[] {0, 1f / 3, 1f / 3, 0}, b, 1e-4f);
    }

    @Test
    void threeByThreeDividesByTheColumnsDiagonal() {
        // A = G + 0.5 I = [[3.5,1,0],[1,2.5,1],[0,1,1.5]]; det = 3.5(3.75-1) - 1(1.5) = 8.125
        // P = adj(A)/det: adj = [[2.75,-1.5,1],[-1.5,5.25,-3.5],[1,-3.5,7.75]]
        float[] g = {3, 1, 0, 1, 2, 1, 0, 1, 1};
        double det = 8.125;
        double[][] p = {
            {2.75 / det, -1.5 / det, 1 / det},
            {-1.5 / det, 5.25 / det, -3.5 / det},
            {1 / det, -3.5 / det, 7.75 / det}};
        float[] before = g.clone();
        float[] b = EaseSolver.weights(g, 3, 0.5);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, g, "the Gram matrix is left as it was");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = i == j ? 0 : -p[i][j] / p[j][j];
                assertEquals(expected, b[i * 3 + j], 1e-4, "B[" + i + "][" + j + "]");
            }
        }
        // not symmetric: row 0 to col 1 is 1.5/5.25, row 1 to col 0 is 1.5/2.75
        assertEquals(1.5 / 5.25, b[1], 1e-4);
        assertEquals(1.5 / 2.75, b[3], 1e-4);
        // and 0 to 2 is negative (they share no user, both share with 1)
        assertEquals(-1 / 7.75, b[2], 1e-4);
    }

    @Test
    void disjointBlocksGetNoCrossWeight() {
        // movies {0,1} and {2,3} never share a user: B is block diagonal
        float[] g = {
            3, 2, 0, 0,
            2, 3, 0, 0,
            0, 0, 5, 4,
            0, 0, 4, 5};
        float[] b = EaseSolver.weights(g, 4, 1.0);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (i / 2 != j / 2 || i == j) {
                    assertEquals(0, b[i * 4 + j], 1e-6, "B[" + i + "][" + j + "]");
                } else {
                    assertEquals(true, b[i * 4 + j] > 0.1, "B[" + i + "][" + j + "] = " + b[i * 4 + j]);
                }
            }
        }
    }
}
