package dev.marquee.batch.rank;

import java.io.Serializable;

/**
 * A trained ranker's parameters as plain arrays, exported from DJL, and its forward pass in plain
 * Java: {@code concat(userEmb, movieEmb, dense) -> (Linear -> ReLU)* -> Linear -> logit}. Small
 * enough to broadcast (65,536 x 16 + 27,000 x 16 floats is 5.9 MB), so executors need no natives.
 *
 * @param dim embedding length
 * @param userEmbedding {@code buckets x dim}, row-major
 * @param movieEmbedding {@code movies x dim}, row-major
 * @param weights per layer, {@code out x in}, row-major (DJL's Linear layout)
 * @param biases per layer, {@code out}
 */
public record RankerWeights(int dim, float[] userEmbedding, float[] movieEmbedding, float[][] weights,
        float[][] biases) implements Serializable {

    /** Input length of the first layer. */
    public int inputWidth() {
        return weights[0].length / biases[0].length;
    }

    /** A forward pass with its own scratch buffers (one per partition; not thread-safe). */
    public Forward forward() {
        return new Forward();
    }

    /** Scores pairs one at a time without allocating. */
    public final class Forward {
        private final float[] input = new float[inputWidth()];
        private final float[][] activations = new float[biases.length][];

        private Forward() {
            for (int l = 0; l < biases.length; l++) {
                activations[l] = new float[biases[l].length];
            }
        }

        /** The logit of one pair; {@code dense} holds {@code inputWidth() - 2 * dim} features from {@code offset}. */
        public float score(int userBucket, int movie, float[] dense, int offset) {
            System.arraycopy(userEmbedding, userBucket * dim, input, 0, dim);
            System.arraycopy(movieEmbedding, movie * dim, input, dim, dim);
            System.arraycopy(dense, offset, input, 2 * dim, input.length - 2 * dim);
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
