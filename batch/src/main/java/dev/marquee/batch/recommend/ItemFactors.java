package dev.marquee.batch.recommend;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Row;

/**
 * All item factors of a model in one row-major matrix, small enough to broadcast (27,000 movies
 * x rank 32 is 3.5 MB), so each executor scores its users against every movie locally.
 *
 * @param rank factor length
 * @param items item index per matrix row
 * @param matrix {@code items.length x rank} factors, row-major
 */
public record ItemFactors(int rank, int[] items, float[] matrix) implements Serializable {

    /** Collects a model's item factors to the driver. */
    public static ItemFactors of(ALSModel model) {
        List<Row> rows = model.itemFactors().collectAsList();
        int rank = model.rank();
        int[] items = new int[rows.size()];
        float[] matrix = new float[rows.size() * rank];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            items[r] = row.getInt(0);
            List<Float> features = row.getList(1);
            for (int k = 0; k < rank; k++) {
                matrix[r * rank + k] = features.get(k);
            }
        }
        return new ItemFactors(rank, items, matrix);
    }

    /** The same factors over another movie indexing ({@code map[old]} the new index, -1: the row is dropped). */
    public ItemFactors reindexed(int[] map) {
        int kept = 0;
        int[] is = new int[items.length];
        float[] m = new float[matrix.length];
        for (int r = 0; r < items.length; r++) {
            int to = items[r] < map.length ? map[items[r]] : -1;
            if (to >= 0) {
                is[kept] = to;
                System.arraycopy(matrix, r * rank, m, kept * rank, rank);
                kept++;
            }
        }
        return new ItemFactors(rank, java.util.Arrays.copyOf(is, kept), java.util.Arrays.copyOf(m, kept * rank));
    }

    /** The same shape filled with random factors: a deliberately broken model (tests of the quality gate). */
    public ItemFactors randomized(long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] noise = new float[matrix.length];
        for (int k = 0; k < noise.length; k++) {
            noise[k] = (float) random.nextGaussian();
        }
        return new ItemFactors(rank, items, noise);
    }
}
