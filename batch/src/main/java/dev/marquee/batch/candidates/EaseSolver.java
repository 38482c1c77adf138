package dev.marquee.batch.candidates;

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
        float[] regularised = gram.clone();
        for (int i = 0; i < n; i++) {
            regularised[i * n + i] += (float) lambda;
        }
        float[] p;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            p = m.create(regularised, new Shape(n, n)).inverse().toFloatArray();
        }
        float[] b = p; // in place: B_ij = -P_ij / P_jj, read P_jj before row j's diagonal is zeroed
        float[] diag = new float[n];
        for (int j = 0; j < n; j++) {
            diag[j] = p[j * n + j];
        }
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                b[row + j] = i == j ? 0f : -p[row + j] / diag[j];
            }
        }
        return b;
    }
}
