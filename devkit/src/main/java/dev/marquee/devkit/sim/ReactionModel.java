package dev.marquee.devkit.sim;

import java.util.Random;

/**
 * How a reacting user answers a list of recommendations (a cascade): they look down the list and take the movie at
 * position {@code k} (0-based) with probability {@code positionDecay^k / (1 + exp(-slope * (expected - midpoint)))},
 * where {@code expected} is the world's noiseless rating of that movie for them ({@link World#expectedRating}); the
 * first movie taken is the one they watch. A list of movies they would rate near {@code midpoint} or below mostly
 * goes untouched, whatever its order; a list of their favourites is taken from near the top.
 *
 * @param midpoint      the expected rating at which a movie in first place is taken half the time
 * @param slope         how sharply that chance rises with the expected rating (per rating point)
 * @param positionDecay the factor the chance loses with each place down the list, in (0, 1]
 */
public record ReactionModel(double midpoint, double slope, double positionDecay) {

    /**
     * Midpoint 4.5, slope 3, each place down the list keeps 80% of the chance: a list of 20 random movies is taken
     * from about a third of the time, a list of the user's favourites nearly always.
     */
    public static final ReactionModel DEFAULT = new ReactionModel(4.5, 3.0, 0.8);

    public ReactionModel {
        if (!(slope > 0) || !(positionDecay > 0 && positionDecay <= 1) || !Double.isFinite(midpoint)) {
            throw new IllegalArgumentException("need a finite midpoint, slope > 0 and positionDecay in (0, 1]: "
                    + midpoint + ", " + slope + ", " + positionDecay);
        }
    }

    /** The chance that a user takes a movie they would rate {@code expected} shown at {@code position} (0-based). */
    public double probability(double expected, int position) {
        return Math.pow(positionDecay, position) / (1 + Math.exp(-slope * (expected - midpoint)));
    }

    /**
     * The position of the movie taken from a list whose expected ratings are {@code expected} (NaN: a movie the
     * user's world does not know, never taken), or -1 when none is.
     */
    public int choose(double[] expected, Random rnd) {
        for (int k = 0; k < expected.length; k++) {
            if (!Double.isNaN(expected[k]) && rnd.nextDouble() < probability(expected[k], k)) {
                return k;
            }
        }
        return -1;
    }
}
