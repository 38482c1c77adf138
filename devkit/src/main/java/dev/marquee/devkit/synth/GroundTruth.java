package dev.marquee.devkit.synth;

import java.util.Arrays;
import java.util.Map;

/**
 * What the synthetic platform's ratings were drawn from: rating = clamp(round(mean + userBias + movieBias
 * + 1.2 * dot(user, movie) + noise)). Users are indexed 0..users-1 (user id = index + 1), movies 0..movies-1 in
 * catalogue order.
 */
public final class GroundTruth {

    /** Weight of the taste dot product in a rating. */
    public static final double TASTE_WEIGHT = 1.2;
    /** The global mean a rating is built around. */
    public static final double MEAN = 3.0;

    private final double[][] userVectors;
    private final double[][] movieVectors;
    private final double[] userBias;
    private final double[] movieBias;
    private final Map<String, Integer> movieIndexBySlug;

    GroundTruth(double[][] userVectors, double[][] movieVectors, double[] userBias, double[] movieBias,
                Map<String, Integer> movieIndexBySlug) {
        this.userVectors = userVectors;
        this.movieVectors = movieVectors;
        this.userBias = userBias;
        this.movieBias = movieBias;
        this.movieIndexBySlug = Map.copyOf(movieIndexBySlug);
    }

    /** Taste dot product of user {@code userId} and movie {@code slug}. */
    public double affinity(long userId, String slug) {
        return dot(userVectors[userIndex(userId)], movieVectors[movieIndex(slug)]);
    }

    /** The noiseless rating before rounding and clamping. */
    public double expectedRating(long userId, String slug) {
        int u = userIndex(userId);
        int m = movieIndex(slug);
        return MEAN + userBias[u] + movieBias[m] + TASTE_WEIGHT * dot(userVectors[u], movieVectors[m]);
    }

    /** A copy of a user's taste vector. */
    public double[] userVector(long userId) {
        return Arrays.copyOf(userVectors[userIndex(userId)], userVectors[0].length);
    }

    /** A copy of a movie's latent vector. */
    public double[] movieVector(String slug) {
        return Arrays.copyOf(movieVectors[movieIndex(slug)], movieVectors[0].length);
    }

    private int userIndex(long userId) {
        if (userId < 1 || userId > userVectors.length) {
            throw new IllegalArgumentException("unknown user " + userId);
        }
        return (int) (userId - 1);
    }

    private int movieIndex(String slug) {
        Integer m = movieIndexBySlug.get(slug);
        if (m == null) {
            throw new IllegalArgumentException("unknown movie " + slug);
        }
        return m;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
