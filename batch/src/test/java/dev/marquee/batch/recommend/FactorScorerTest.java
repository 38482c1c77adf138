package dev.marquee.batch.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked matrix multiply gives every user's dot product with every movie, and the same top K as scoring one by one. */
class FactorScorerTest {

    @Test
    void everyScoreOfAPartialBlockIsTheDotProduct() {
        Random random = new Random(3);
        int rank = 7;
        int movies = 1_001;
        int[] index = new int[movies];
        float[] matrix = new float[movies * rank];
        for (int r = 0; r < movies; r++) {
            index[r] = movies - 1 - r; // matrix rows in another order than movie indices
        }
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) random.nextGaussian();
        }
        ItemFactors items = new ItemFactors(rank, index, matrix);
        FactorScorer scorer = new FactorScorer(items);
        int count = 77;
        for (int i = 0; i < count * rank; i++) {
            scorer.users()[i] = (float) random.nextGaussian();
        }
        scorer.score(count);
        boolean[] seen = new boolean[movies];
        seen[5] = true;
        seen[900] = true;
        TopK top = new TopK(20);
        for (int u = 0; u < count; u++) {
            TopK naive = new TopK(20);
            for (int r = 0; r < movies; r++) {
                double dot = 0;
                for (int k = 0; k < rank; k++) {
                    dot += scorer.users()[u * rank + k] * matrix[r * rank + k];
                }
                assertEquals(dot, scorer.score(u, r), 1e-4, "user " + u + " row " + r);
                if (!seen[index[r]]) {
                    naive.offer(index[r], (float) dot);
                }
            }
            scorer.top(u, seen, top);
            assertArrayEquals(naive.items(), top.items(), "user " + u);
            assertArrayEquals(naive.scores(), top.scores(), 1e-4f, "user " + u);
        }
    }

    @Test
    void refusesMoreUsersThanABlock() {
        FactorScorer scorer = new FactorScorer(new ItemFactors(2, new int[] {0}, new float[] {1f, 1f}));
        assertThrows(IllegalArgumentException.class, () -> scorer.score(FactorScorer.BLOCK + 1));
    }
}
