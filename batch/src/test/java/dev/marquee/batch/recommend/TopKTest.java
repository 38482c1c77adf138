package dev.marquee.batch.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void keepsTheBestInOrderWithTiesToTheLowerItem() {
        TopK top = new TopK(3);
        top.offer(5, 1f);
        top.offer(1, 3f);
        top.offer(9, 2f);
        top.offer(2, 2f);
        top.offer(7, 0.5f);
        assertArrayEquals(new int[] {1, 2, 9}, top.items());
        assertArrayEquals(new float[] {3f, 2f, 2f}, top.scores());
    }

    @Test
    void matchesAFullSortOnRandomScores() {
        Random random = new Random(7);
        float[] scores = new float[5000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) random.nextGaussian();
        }
        TopK top = new TopK(20);
        for (int i = 0; i < scores.length; i++) {
            top.offer(i, scores[i]);
        }
        int[] expected = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
                .limit(20).mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, top.items());
    }

    @Test
    void holdsFewerThanKWhenFewerOffered() {
        TopK top = new TopK(20);
        top.offer(3, 1f);
        assertEquals(1, top.size());
        top.reset();
        assertEquals(0, top.items().length);
    }

    @Test
    void itemFactorsSkipSeenItems() {
        ItemFactors factors = new ItemFactors(2, new int[] {0, 1, 2, 3}, new float[] {1, 0, 0, 1, 1, 1, 2, 2});
        TopK top = new TopK(2);
        FactorScorer scorer = new FactorScorer(factors);
        System.arraycopy(new float[] {1f, 1f, 0f, -1f}, 0, scorer.users(), 0, 4);
        scorer.score(2);
        scorer.top(0, new boolean[] {false, false, false, true}, top);
        assertArrayEquals(new int[] {2, 0}, top.items());
        assertArrayEquals(new float[] {2f, 1f}, top.scores());
        scorer.top(1, new boolean[] {false, false, false, false}, top);
        assertArrayEquals(new int[] {0, 1}, top.items(), "the second user of the block, (0, -1): a tie at -1 goes to item 1");
        assertArrayEquals(new float[] {0f, -1f}, top.scores());
    }
}
