package dev.marquee.devkit.sim;

/**
 * Size and seed of a {@link SyntheticPlatform}, the simulator's small preset; {@link #defaults()} is the demo's.
 *
 * @param users               number of users (ids 1..users)
 * @param movies              number of movies
 * @param latentDims          dimensions of the taste vectors
 * @param meanRatingsPerUser  target mean of the heavy-tailed number of ratings per user
 * @param seed                everything generated follows from it
 */
public record SynthConfig(int users, int movies, int latentDims, double meanRatingsPerUser, long seed) {

    public SynthConfig {
        if (users < 1 || movies < 2 || latentDims < 1) {
            throw new IllegalArgumentException("need users >= 1, movies >= 2, latentDims >= 1: " + this);
        }
        if (!(meanRatingsPerUser >= 1) || meanRatingsPerUser > movies) {
            throw new IllegalArgumentException("meanRatingsPerUser must be in [1, movies]: " + meanRatingsPerUser);
        }
    }

    /** The demo's preset: 3000 users, 1200 movies, 8 dimensions, about 40 ratings per user, seed 42. */
    public static SynthConfig defaults() {
        return new SynthConfig(3000, 1200, 8, 40, 42L);
    }

    /** A copy with another seed. */
    public SynthConfig withSeed(long newSeed) {
        return new SynthConfig(users, movies, latentDims, meanRatingsPerUser, newSeed);
    }
}
