package dev.marquee.batch.recommend;

import java.util.Arrays;

/**
 * The K best (score, item) pairs of a stream, kept sorted best first. Ties go to the lower item
 * index so that results are deterministic. Not thread-safe; reuse one per task with {@link #reset}.
 */
public final class TopK {
    private final float[] scores;
    private final int[] items;
    private int size;

    public TopK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        this.scores = new float[k];
        this.items = new int[k];
    }

    /** Empties it for the next user. */
    public void reset() {
        size = 0;
    }

    /** Offers one candidate. */
    public void offer(int item, float score) {
        int k = scores.length;
        if (size == k && !better(score, item, scores[k - 1], items[k - 1])) {
            return;
        }
        int pos = size < k ? size++ : k - 1;
        while (pos > 0 && better(score, item, scores[pos - 1], items[pos - 1])) {
            scores[pos] = scores[pos - 1];
            items[pos] = items[pos - 1];
            pos--;
        }
        scores[pos] = score;
        items[pos] = item;
    }

    private static boolean better(float s, int i, float otherS, int otherI) {
        return s > otherS || (s == otherS && i < otherI);
    }

    /** K. */
    public int capacity() {
        return scores.length;
    }

    /** How many candidates it holds (at most K). */
    public int size() {
        return size;
    }

    /** Item indices, best first. */
    public int[] items() {
        return Arrays.copyOf(items, size);
    }

    /** Scores, best first. */
    public float[] scores() {
        return Arrays.copyOf(scores, size);
    }
}
