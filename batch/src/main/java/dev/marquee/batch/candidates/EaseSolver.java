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
     * @param gram row-major {@code n x n} Gram matrix {@code X^T X} of the binary interactions; left as it
     *     was on return (its diagonal is lent for the copy into PyTorch)
     * @return row-major B
     */
    static float[] weights(float[] gram, int n, double lambda) {
        // lambda goes onto the diagonal of gram itself while PyTorch copies it (no second n x n array on
        // the heap: at 20,000 movies a copy is 1.6 GB, and a 1M-user night ran out of a 10 GiB heap here).
        float[] diagonal = new float[n];
        float[] p;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (int i = 0; i < n; i++) {
                diagonal[i] = gram[i * n + i];
                gram[i * n + i] += (float) lambda;
            }
            NDArray regularised;
            try {
                regularised = m.create(gram, new Shape(n, n));
            } finally {
                for (int i = 0; i < n; i++) {
                    gram[i * n + i] = diagonal[i];
                }
            }
            p = regularised.inverse().toFloatArray();
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
