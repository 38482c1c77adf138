package dev.marquee.batch.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feature values and the plain-Java forward pass on hand-checkable inputs. */
class RankFeaturesTest {

    @Test
    void yearComesFromTheSlugsLastFourDigits() {
        assertEquals(1999, RankFeatures.yearOf("the+matrix+1999"));
        assertEquals(0, RankFeatures.yearOf("blade+runner+2049x"));
        assertEquals(0, RankFeatures.yearOf("movie+12345"));
        assertEquals(0, RankFeatures.yearOf("abc"));
    }

    @Test
    void fillsScaledFeaturesAndGenres() {
        RankFeatures f = RankFeatures.of(new String[] {"a+2010", "b"}, new long[] {0, 99},
                Map.of("a+2010", List.of("drama", "action")), 3f, 2f);
        assertArrayEquals(new String[] {"action", "drama"}, f.genreNames());
        float[] out = new float[f.width()];
        f.fill(out, 0, 0, 5f, 0, 0.0);
        assertArrayEquals(new float[] {1f, 0f, 1f, 1f, 0f, 0f, 1f, 1f}, out, 1e-6f);
        f.fill(out, 0, 1, 3f, 9, 4.0);
        assertArrayEquals(new float[] {0f, 1f, 0f, 0f, (float) (Math.log(10) / 5), 0.5f, 0f, 0f}, out, 1e-6f);
    }

    @Test
    void forwardPassIsReluMlpOverConcatenatedInputs() {
        // dim 1: user 2.0, movie -1.0, dense [3.0]; layer 1: 2 units, layer 2: 1 unit
        RankerWeights w = new RankerWeights(1, new float[] {0f, 2f}, new float[] {-1f},
                new float[][] {{1f, 1f, 1f, -1f, 0f, 0f}, {1f, 10f}}, new float[][] {{0f, 0.5f}, {0.25f}});
        // h = relu([2 - 1 + 3, -2 + 0.5]) = [4, 0]; out = 4 + 0 + 0.25
        assertEquals(4.25f, w.forward().score(1, 0, new float[] {9f, 3f}, 1), 1e-6f);
    }
}
