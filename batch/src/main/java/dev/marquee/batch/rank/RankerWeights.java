package dev.marquee.batch.rank;

import java.io.Serializable;

/**
 * A trained ranker as plain arrays, exported from DJL, and its forward pass in plain Java:
 * {@code standardise(x) -> (Linear -> ReLU)* -> Linear -> score}. A few kilobytes: broadcast to
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

    /** Scores candidates one at a time without allocating. */
    public final class Forward {
        private final float[] input = new float[width()];
        private final float[][] activations = new float[biases.length][];

        private Forward() {
            for (int l = 0; l < biases.length; l++) {
                activations[l] = new float[biases[l].length];
            }
        }

        /** The score of the candidate whose raw features start at {@code offset} of {@code x}. */
        public float score(float[] x, int offset) {
            for (int k = 0; k < input.length; k++) {
                input[k] = (x[offset + k] - mean[k]) / std[k];
            }
            float[] in = input;
            for (int l = 0; l < weights.length; l++) {
                float[] w = weights[l];
                float[] out = activations[l];
                int width = in.length;
                boolean last = l == weights.length - 1;
                for (int o = 0; o < out.length; o++) {
                    float s = biases[l][o];
                    int base = o * width;
                    for (int k = 0; k < width; k++) {
                        s += w[base + k] * in[k];
                    }
                    out[o] = last || s > 0f ? s : 0f;
                }
                in = out;
            }
            return in[0];
        }
    }
}
