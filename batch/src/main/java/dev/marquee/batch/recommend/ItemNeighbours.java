package dev.marquee.batch.recommend;

import java.util.ArrayList;
import java.util.List;

/**
 * A sparse item-to-item weight matrix (item-kNN similarities, EASE's B pruned per row): a user's
 * score for movie j is the sum over the movies i the user has seen of {@code weight(i, j)}.
 *
 * @param neighbours by movie index i: the movies j with a weight (null or empty: none)
 * @param weights by movie index i: {@code weight(i, j)} in the order of {@code neighbours[i]}
 */
public record ItemNeighbours(int[][] neighbours, float[][] weights) implements UserLists.Scorer {

    /**
     * The same weights over another movie indexing: {@code map[old]} is a movie's new index (-1: the
     * movie is dropped, with its weights both ways), {@code movies} the new index's size.
     */
    public ItemNeighbours reindexed(int[] map, int movies) {
        int[][] ns = new int[movies][];
        float[][] ws = new float[movies][];
        for (int i = 0; i < neighbours.length && i < map.length; i++) {
            int[] row = neighbours[i];
            if (row == null || map[i] < 0) {
                continue;
            }
            int kept = 0;
            int[] js = new int[row.length];
            float[] w = new float[row.length];
            for (int n = 0; n < row.length; n++) {
                int j = row[n] < map.length ? map[row[n]] : -1;
                if (j >= 0) {
                    js[kept] = j;
                    w[kept++] = weights[i][n];
                }
            }
            ns[map[i]] = java.util.Arrays.copyOf(js, kept);
            ws[map[i]] = java.util.Arrays.copyOf(w, kept);
        }
        return new ItemNeighbours(ns, ws);
    }

    /** Stored weights, all rows together. */
    public long size() {
        long n = 0;
        for (int[] row : neighbours) {
            n += row == null ? 0 : row.length;
        }
        return n;
    }

    @Override
    public void score(List<Integer> seen, boolean[] isSeen, TopK top, UserLists.Scratch scratch) {
        float[] sums = scratch.sums();
        boolean[] marked = scratch.touched();
        List<Integer> touched = new ArrayList<>();
        for (int i : seen) {
            int[] row = neighbours[i];
            if (row == null) {
                continue;
            }
            float[] w = weights[i];
            for (int n = 0; n < row.length; n++) {
                int j = row[n];
                if (!marked[j]) {
                    marked[j] = true;
                    touched.add(j);
                }
                sums[j] += w[n];
            }
        }
        for (int j : touched) {
            if (!isSeen[j]) {
                top.offer(j, sums[j]);
            }
            sums[j] = 0f;
            marked[j] = false;
        }
    }
}
