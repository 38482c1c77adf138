package dev.marquee.batch.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked forward pass (a matrix multiply per layer) scores each candidate as the textbook formula does. */
class RankerWeightsTest {

    @Test
    void blockedForwardPassEqualsTheFormulaPerCandidate() {
        Random random = new Random(11);
        int width = 9;
        int hidden = 13;
        RankerWeights w = new RankerWeights(gaussian(random, width), positive(random, width),
                new float[][] {gaussian(random, hidden * width), gaussian(random, hidden)},
                new float[][] {gaussian(random, hidden), gaussian(random, 1)});
        int rows = 333;
        float[] x = gaussian(random, rows * width);
        float[] out = new float[rows];
        RankerWeights.Forward forward = w.forward();
        forward.score(x, rows, out);
        for (int r = 0; r < rows; r++) {
            assertEquals(formula(w, x, r * width, hidden), out[r], 1e-4, "candidate " + r);
        }
        float[] few = new float[3];
        forward.score(x, 3, few); // a smaller block reuses the buffers
        assertEquals(out[2], few[2], 0f);
    }

    private static double formula(RankerWeights w, float[] x, int offset, int hidden) {
        int width = w.width();
        double[] h = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            double s = w.biases()[0][j];
            for (int k = 0; k < width; k++) {
                s += w.weights()[0][j * width + k] * ((x[offset + k] - w.mean()[k]) / w.std()[k]);
            }
            h[j] = Math.max(0, s);
        }
        double score = w.biases()[1][0];
        for (int j = 0; j < hidden; j++) {
            score += w.weights()[1][j] * h[j];
        }
        return score;
    }

    private static float[] gaussian(Random random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    private static float[] positive(Random random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = 0.5f + random.nextFloat();
        }
        return a;
    }
}
