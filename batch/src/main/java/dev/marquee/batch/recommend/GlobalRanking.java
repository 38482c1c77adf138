package dev.marquee.batch.recommend;

import java.util.ArrayList;
import java.util.List;

/**
 * One ranking of every movie, the same for all users (popularity, decayed popularity): a user
 * gets its first K movies not seen.
 *
 * @param order movie indices, best first (ties: lower index first)
 * @param scores the score of each movie of {@code order}, in the same order
 */
public record GlobalRanking(int[] order, float[] scores) implements UserLists.Scorer {

    /** Ranks movies by {@code score} (by movie index), best first; movies scoring 0 or less are left out. */
    public static GlobalRanking of(float[] score) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < score.length; i++) {
            if (score[i] > 0) {
                ids.add(i);
            }
        }
        ids.sort((a, b) -> score[a] != score[b] ? Float.compare(score[b], score[a]) : Integer.compare(a, b));
        int[] order = ids.stream().mapToInt(Integer::intValue).toArray();
        float[] sorted = new float[order.length];
        for (int r = 0; r < order.length; r++) {
            sorted[r] = score[order[r]];
        }
        return new GlobalRanking(order, sorted);
    }

    @Override
    public void score(List<Integer> seen, boolean[] isSeen, TopK top, UserLists.Scratch scratch) {
        int k = 0;
        for (int r = 0; r < order.length; r++) {
            if (!isSeen[order[r]]) {
                top.offer(order[r], scores[r]);
                if (++k == top.capacity()) {
                    return;
                }
            }
        }
    }

    /** The first {@code n} movies of the ranking, as names. */
    public List<String> top(String[] movies, int n) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < order.length && out.size() < n; r++) {
            out.add(movies[order[r]]);
        }
        return out;
    }
}
