package dev.marquee.devkit.sim;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Chooses a user's movies without replacement, with probability about popularity x exp(affinity): a candidate
 * pool is drawn by popularity, then the user's picks among it by exp(affinity) (Efraimidis-Spirakis keys).
 * Cost per user grows with the number of picks, not with the catalogue.
 */
final class UserSampler {

    private final int[] stamp;
    private int currentStamp;

    UserSampler(int movies) {
        this.stamp = new int[movies];
    }

    int[] choose(Random rnd, int wanted, double[] popularityCdf, IntToDoubleFunction affinity) {
        int movies = popularityCdf.length;
        int poolTarget = Math.min(movies, Math.max(4 * wanted, wanted + 20));
        int[] pool = new int[poolTarget];
        int size = 0;
        currentStamp++;
        for (int attempts = 0; size < poolTarget && attempts < 30 * poolTarget; attempts++) {
            int m = World.draw(rnd, popularityCdf);
            if (stamp[m] != currentStamp) {
                stamp[m] = currentStamp;
                pool[size++] = m;
            }
        }
        int n = Math.min(wanted, size);
        double[] keys = new double[size];
        for (int i = 0; i < size; i++) {
            // Efraimidis-Spirakis: larger log(U) / w is better; w = exp(affinity)
            keys[i] = Math.log(1 - rnd.nextDouble()) * Math.exp(-affinity.applyAsDouble(pool[i]));
        }
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(keys[b], keys[a]));
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            chosen[i] = pool[idx[i]];
        }
        return chosen;
    }
}
