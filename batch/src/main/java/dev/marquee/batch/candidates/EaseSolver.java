package dev.marquee.batch.candidates;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * EASE's closed form (Steck 2019): {@code P = (G + lambda I)^-1}, {@code B = I - P diag(1/diag(P))},
 * so {@code B_ij = -P_ij / P_jj} off the diagonal and 0 on it. The inverse runs in PyTorch
 * through DJL (native LAPACK; a GPU when the engine has one), never in hand-written Java.
 */
final class EaseSolver {
    private EaseSolver() {}

    /**
     * @param gram row-major {@code n x n} Gram matrix {@code X^T X} of the binary interactions
     * @return row-major B
     */
    static float[] weights(float[] gram, int n, double lambda) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray g = m.create(gram, new Shape(n, n));
            NDArray p = g.add(m.eye(n).mul((float) lambda)).inverse();
            NDArray diag = p.mul(m.eye(n)).sum(new int[] {0}); // P_jj by column j
            NDArray b = p.div(diag.reshape(1, n)).neg();
            b = b.mul(m.eye(n).neg().add(1f)); // zero diagonal
            return b.toFloatArray();
        }
    }
}
