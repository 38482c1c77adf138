package dev.marquee.devkit.synth;

import dev.marquee.devkit.replay.Catalogue;
import dev.marquee.devkit.replay.Movie;
import dev.marquee.events.SlugRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Draws a {@link SyntheticPlatform}: movies, users, their choices, ratings, watch minutes and times. */
final class SynthGenerator {

    private static final double WATCH_SHARE = 0.3;
    private static final int MAX_WATCH_MINUTES = 5;
    private static final long MINUTE_MS = 60_000L;
    private static final double USER_BIAS_SD = 0.35;
    private static final double MOVIE_BIAS_SD = 0.45;
    private static final double NOISE_SD = 0.6;
    private static final double ZIPF_EXPONENT = 1.0;
    private static final double PARETO_ALPHA = 2.0;

    private final SynthConfig config;
    private final double sigma;
    private final double[][] movieVectors;
    private final double[] movieBias;
    private final double[] popularityCdf;

    SynthGenerator(SynthConfig config) {
        this.config = config;
        this.sigma = Math.pow(config.latentDims(), -0.25);
        this.movieVectors = new double[config.movies()][];
        this.movieBias = new double[config.movies()];
        this.popularityCdf = new double[config.movies()];
    }

    SyntheticPlatform generate() {
        Random rnd = new Random(config.seed());
        Catalogue catalogue = movies(rnd);
        int users = config.users();
        double[][] userVectors = new double[users][];
        double[] userBias = new double[users];
        EventTable table = new EventTable();
        UserSampler sampler = new UserSampler(config.movies());
        for (int u = 0; u < users; u++) {
            Random ur = new Random(mix(config.seed(), u));
            userVectors[u] = gaussianVector(ur, sigma);
            userBias[u] = ur.nextGaussian() * USER_BIAS_SD;
            user(u, ur, userVectors[u], userBias[u], sampler, table);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int m = 0; m < catalogue.size(); m++) {
            index.put(catalogue.movies().get(m).slug(), m);
        }
        GroundTruth truth = new GroundTruth(userVectors, movieVectors, userBias, movieBias, index);
        return new SyntheticPlatform(config, catalogue, truth, table);
    }

    private Catalogue movies(Random rnd) {
        int genres = Titles.GENRES.size();
        double[][] genreVectors = new double[genres][];
        for (int g = 0; g < genres; g++) {
            genreVectors[g] = gaussianVector(rnd, sigma);
        }
        SlugRegistry slugs = new SlugRegistry();
        List<Movie> movies = new ArrayList<>(config.movies());
        int[] rank = permutation(config.movies(), rnd);
        double total = 0;
        for (int m = 0; m < config.movies(); m++) {
            String title = Titles.title(rnd);
            int k = 1 + rnd.nextInt(3);
            int[] chosen = Arrays.copyOf(permutation(genres, rnd), k);
            Arrays.sort(chosen);
            double[] v = gaussianVector(rnd, sigma * 0.7);
            List<String> names = new ArrayList<>(k);
            for (int g : chosen) {
                names.add(Titles.GENRES.get(g));
                for (int d = 0; d < v.length; d++) {
                    v[d] += 0.7 * genreVectors[g][d] / k;
                }
            }
            movieVectors[m] = v;
            movieBias[m] = rnd.nextGaussian() * MOVIE_BIAS_SD;
            total += Math.pow(rank[m] + 1, -ZIPF_EXPONENT);
            popularityCdf[m] = total;
            int year = Integer.parseInt(title.substring(title.length() - 5, title.length() - 1));
            movies.add(new Movie(slugs.assign("m" + m, title), title, year, names));
        }
        for (int m = 0; m < popularityCdf.length; m++) {
            popularityCdf[m] /= total;
        }
        return new Catalogue(movies);
    }

    private void user(int u, Random rnd, double[] taste, double bias, UserSampler sampler, EventTable table) {
        int wanted = activity(rnd);
        int[] chosen = sampler.choose(rnd, wanted, popularityCdf, m -> GroundTruth.TASTE_WEIGHT
                * GroundTruth.dot(taste, movieVectors[m]));
        long join = (long) (SyntheticPlatform.SPAN_MS * 0.8 * Math.pow(rnd.nextDouble(), 2));
        table.add(join, u, EventTable.ACCOUNT, -1, 0);
        long earliest = join + 10 * MINUTE_MS;
        long[] times = new long[chosen.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = earliest + (long) (rnd.nextDouble() * (SyntheticPlatform.SPAN_MS - earliest));
        }
        Arrays.sort(times);
        for (int i = 0; i < chosen.length; i++) {
            int m = chosen[i];
            if (rnd.nextDouble() < WATCH_SHARE) {
                int minutes = 1 + rnd.nextInt(MAX_WATCH_MINUTES);
                int firstMinute = rnd.nextInt(90);
                for (int k = 0; k < minutes; k++) {
                    long t = times[i] - (minutes - k) * MINUTE_MS - rnd.nextInt(1000);
                    table.add(t, u, EventTable.WATCH, m, firstMinute + k);
                }
            }
            double score = GroundTruth.MEAN + bias + movieBias[m]
                    + GroundTruth.TASTE_WEIGHT * GroundTruth.dot(taste, movieVectors[m])
                    + rnd.nextGaussian() * NOISE_SD;
            table.add(times[i], u, EventTable.RATE, m, (int) Math.max(1, Math.min(5, Math.round(score))));
        }
    }

    /** Heavy-tailed (Pareto) number of ratings with about the configured mean; at least 1. */
    private int activity(Random rnd) {
        double xMin = config.meanRatingsPerUser() * (PARETO_ALPHA - 1) / PARETO_ALPHA;
        double x = xMin / Math.pow(1 - rnd.nextDouble(), 1 / PARETO_ALPHA);
        int cap = Math.max(1, Math.min(config.movies() / 2, (int) (config.meanRatingsPerUser() * 25)));
        return (int) Math.max(1, Math.min(cap, Math.round(x)));
    }

    private double[] gaussianVector(Random rnd, double sd) {
        double[] v = new double[config.latentDims()];
        for (int d = 0; d < v.length; d++) {
            v[d] = rnd.nextGaussian() * sd;
        }
        return v;
    }

    private static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long mix(long seed, int u) {
        long z = seed + 0x9E3779B97F4A7C15L * (u + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
