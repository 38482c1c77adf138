package dev.marquee.batch.rank;

import dev.marquee.batch.recommend.FactorScorer;
import java.io.Serializable;

/**
 * A trained ranker as plain arrays, exported from DJL, and its forward pass on the JVM:
 * {@code standardise(x) -> (Linear -> ReLU)* -> Linear -> score}, each layer of a block of
 * candidates one matrix multiply through the BLAS Spark ships. A few kilobytes: broadcast to
 * executors, which need no natives.
 *
 * @param mean per raw feature, from the training lists
 * @param std per raw feature (at least a small floor)
 * @param weights per layer, {@code out x in}, row-major (DJL's Linear layout)
 * @param biases per layer, {@code out}
 */
public record RankerWeights(float[] mean, float[] std, float[][] weights, float[][] biases) implements Serializable {

    /** Raw features per candidate. */
    public int width() {
        return mean.length;
    }

    /** Parameters in all. */
    public int parameters() {
        int n = 0;
        for (int l = 0; l < weights.length; l++) {
            n += weights[l].length + biases[l].length;
        }
        return n;
    }

    /** A forward pass with its own scratch buffers (one per partition; not thread-safe). */
    public Forward forward() {
        return new Forward();
    }

    /** Scores blocks of candidates, a layer at a time, reusing its buffers. */
    public final class Forward {
        private float[] input = new float[0];
        private final float[][] activations = new float[biases.length][];

        private Forward() {
            for (int l = 0; l < biases.length; l++) {
                activations[l] = new float[0];
            }
        }

        /**
         * The scores of {@code rows} candidates whose raw features are {@code x} ({@code rows x width},
         * row-major), in {@code out[0, rows)}.
         */
        public void score(float[] x, int rows, float[] out) {
            int width = width();
            input = capacity(input, rows * width);
            for (int r = 0; r < rows; r++) {
                int o = r * width;
                for (int k = 0; k < width; k++) {
                    input[o + k] = (x[o + k] - mean[k]) / std[k];
                }
            }
            float[] in = input;
            int inWidth = width;
            for (int l = 0; l < weights.length; l++) {
                int outWidth = biases[l].length;
                float[] act = activations[l] = capacity(activations[l], rows * outWidth);
                // act (rows x out) = in (rows x inWidth) * W^T, W being out x inWidth row-major.
                FactorScorer.gemm(weights[l], outWidth, inWidth, in, rows, act);
                boolean last = l == weights.length - 1;
                float[] b = biases[l];
                for (int r = 0; r < rows; r++) {
                    int o = r * outWidth;
                    for (int j = 0; j < outWidth; j++) {
                        float v = act[o + j] + b[j];
                        act[o + j] = last || v > 0f ? v : 0f;
                    }
                }
                in = act;
                inWidth = outWidth;
            }
            System.arraycopy(in, 0, out, 0, rows);
        }

        private static float[] capacity(float[] buffer, int size) {
            return buffer.length >= size ? buffer : new float[Math.max(size, buffer.length * 2)];
        }
    }
}
