package dev.marquee.batch.recommend;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Scores blocks of users against every movie of an {@link ItemFactors} with one single-precision
 * matrix multiply per block ({@code users x rank} times {@code rank x movies}, through the BLAS
 * Spark ships: dev.ludovic.netlib, which uses the JDK's vector API), then keeps each user's best K
 * unseen movies with a bounded selection. One per partition (its buffers are reused); not
 * thread-safe.
 */
public final class FactorScorer {
    /** Users per block: {@code BLOCK x movies} floats of scores (27 MB for 27,000 movies). */
    public static final int BLOCK = 256;

    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private final ItemFactors items;
    private final int movies;
    private final float[] users;
    private final float[] scores;

    public FactorScorer(ItemFactors items) {
        this.items = items;
        this.movies = items.items().length;
        this.users = new float[BLOCK * items.rank()];
        this.scores = new float[BLOCK * Math.max(1, movies)];
    }

    /** The block's user-factor rows, {@code BLOCK x rank} row-major: fill the first {@code count} rows, then {@link #score}. */
    public float[] users() {
        return users;
    }

    /** Multiplies the first {@code count} user rows with every movie's factors. */
    public void score(int count) {
        if (count < 0 || count > BLOCK) {
            throw new IllegalArgumentException("count must be in 0.." + BLOCK + ": " + count);
        }
        if (count == 0 || movies == 0) {
            return;
        }
        gemm(items.matrix(), movies, items.rank(), users, count, scores);
    }

    /**
     * Offers user {@code row}'s scores of every movie not marked in {@code seen} to {@code top}
     * (reset first), by movie index.
     */
    public void top(int row, boolean[] seen, TopK top) {
        top.reset();
        int[] index = items.items();
        int base = row * movies;
        for (int r = 0; r < movies; r++) {
            if (!seen[index[r]]) {
                top.offer(index[r], scores[base + r]);
            }
        }
    }

    /** The score of user {@code row} for matrix row {@code r} (tests). */
    float score(int row, int r) {
        return scores[row * movies + r];
    }

    /**
     * {@code out[u * rows + r] = dot(a_r, b_u)}: every row of {@code a} ({@code rows x k}, row-major)
     * against every row of {@code b} ({@code count x k}, row-major); {@code out} is {@code count x rows}
     * row-major. One {@code sgemm}.
     */
    public static void gemm(float[] a, int rows, int k, float[] b, int count, float[] out) {
        // Column-major view: out is (rows x count) = a^T (rows x k, a stored k x rows) * b (k x count).
        BLAS_INSTANCE.sgemm("T", "N", rows, count, k, 1f, a, k, b, k, 0f, out, rows);
    }
}
