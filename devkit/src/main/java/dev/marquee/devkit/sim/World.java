package dev.marquee.devkit.sim;

import dev.marquee.devkit.replay.Catalogue;
import dev.marquee.devkit.replay.Movie;
import dev.marquee.events.SlugRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The one rating and taste model, and the ground truth of a simulated platform: a catalogue with latent vectors,
 * biases and Zipf popularity; users with taste vectors and biases (and, for the session simulator, Pareto activity
 * and the time their account appears). A rating is clamp(round(MEAN + userBias + movieBias + TASTE_WEIGHT *
 * dot(user, movie) + noise)) on 1..5, see {@link #rating}. Vectors are kept flat in float arrays (1M users x 16
 * dims is 64 MB). Users are ids 1..users (index = id - 1), movies are indexed in catalogue order.
 *
 * <p>Both logs are drawn from it: {@link Simulator} ({@link #forSessions}) and the small {@link SyntheticPlatform}
 * ({@link #forPlatform}, users drawn one by one with {@link #drawUserTaste}). Tests use its public methods to check
 * that a model finds the planted tastes.
 */
public final class World {

    /** Weight of the taste dot product in a rating. */
    public static final double TASTE_WEIGHT = 1.2;
    /** The global mean a rating is built around. */
    public static final double MEAN = 3.0;
    /** Standard deviation of the noise added to a rating before rounding. */
    public static final double NOISE_SD = 0.6;

    private static final double USER_BIAS_SD = 0.35;
    private static final double MOVIE_BIAS_SD = 0.45;
    /** A movie's vector: this share of its own random direction plus this share of its genres' mean. */
    private static final double OWN_SHARE = 0.7;
    private static final float GENRE_SHARE = 0.7f;
    private static final double ZIPF_EXPONENT = 1.0;
    /** Session activity of a user: Pareto with this exponent, capped at {@link #MAX_ACTIVITY} times the least. */
    private static final double ACTIVITY_ALPHA = 1.2;
    private static final double MAX_ACTIVITY = 1000;

    private final int dims;
    private final double sigma;
    private final Catalogue catalogue;
    private final Map<String, Integer> movieIndex;
    private final float[] movieVectors;
    private final float[] movieBias;
    /** Minutes per movie; null when not drawn ({@link #forPlatform}). */
    private final short[] runtime;
    private final double[] popularityCdf;
    private final float[] userVectors;
    private final float[] userBias;
    /** Null when users are not drawn by activity ({@link #forPlatform}). */
    private final double[] activityCdf;
    private final int[] joinSecond;

    private World(int users, int movies, int dims, long seed, boolean sessions) {
        this.dims = dims;
        this.sigma = Math.pow(dims, -0.25);
        this.movieVectors = new float[movies * dims];
        this.movieBias = new float[movies];
        this.runtime = sessions ? new short[movies] : null;
        this.popularityCdf = new double[movies];
        this.catalogue = movies(new Random(seed), movies);
        this.movieIndex = new HashMap<>(movies * 2);
        for (int m = 0; m < movies; m++) {
            movieIndex.put(catalogue.movies().get(m).slug(), m);
        }
        this.userVectors = new float[users * dims];
        this.userBias = new float[users];
        this.activityCdf = sessions ? new double[users] : null;
        this.joinSecond = new int[users];
    }

    /** The world of the session simulator: every user drawn now, with activity and join time. */
    static World forSessions(SimConfig config) {
        World w = new World(config.users(), config.movies(), config.latentDims(), config.seed(), true);
        w.users(new Random(config.seed() ^ 0x5DEECE66DL), config);
        return w;
    }

    /**
     * The world of a {@link SyntheticPlatform}: the catalogue drawn now, each user later by
     * {@link #drawUserTaste} from the user's own random stream.
     */
    static World forPlatform(SynthConfig config) {
        return new World(config.users(), config.movies(), config.latentDims(), config.seed(), false);
    }

    private Catalogue movies(Random rnd, int movies) {
        int genres = Titles.GENRES.size();
        float[][] genreVectors = new float[genres][dims];
        for (float[] g : genreVectors) {
            for (int d = 0; d < dims; d++) {
                g[d] = (float) (rnd.nextGaussian() * sigma);
            }
        }
        SlugRegistry slugs = new SlugRegistry();
        List<Movie> list = new ArrayList<>(movies);
        int[] rank = permutation(movies, rnd);
        double total = 0;
        for (int m = 0; m < movies; m++) {
            String title = Titles.title(rnd);
            int k = 1 + rnd.nextInt(3);
            int[] chosen = Arrays.copyOf(permutation(genres, rnd), k);
            Arrays.sort(chosen);
            List<String> names = new ArrayList<>(k);
            for (int d = 0; d < dims; d++) {
                movieVectors[m * dims + d] = (float) (rnd.nextGaussian() * sigma * OWN_SHARE);
            }
            for (int g : chosen) {
                names.add(Titles.GENRES.get(g));
                for (int d = 0; d < dims; d++) {
                    movieVectors[m * dims + d] += GENRE_SHARE * genreVectors[g][d] / k;
                }
            }
            movieBias[m] = (float) (rnd.nextGaussian() * MOVIE_BIAS_SD);
            if (runtime != null) {
                runtime[m] = (short) Math.max(60, Math.min(200, Math.round(105 + rnd.nextGaussian() * 20)));
            }
            total += Math.pow(rank[m] + 1, -ZIPF_EXPONENT);
            popularityCdf[m] = total;
            int year = Integer.parseInt(title.substring(title.length() - 5, title.length() - 1));
            list.add(new Movie(slugs.assign("m" + m, title), title, year, names));
        }
        for (int m = 0; m < movies; m++) {
            popularityCdf[m] /= total;
        }
        return new Catalogue(list);
    }

    private void users(Random rnd, SimConfig config) {
        int spanSeconds = config.days() * 86_400;
        double total = 0;
        for (int u = 0; u < activityCdf.length; u++) {
            drawUserTaste(u, rnd);
            double activity = Math.min(MAX_ACTIVITY, Math.pow(1 - rnd.nextDouble(), -1 / ACTIVITY_ALPHA));
            total += activity;
            activityCdf[u] = total;
            // new accounts arrive a little faster as the platform grows
            joinSecond[u] = rnd.nextDouble() < config.newAccountShare()
                    ? (int) (spanSeconds * Math.sqrt(rnd.nextDouble())) : -1;
        }
        for (int u = 0; u < activityCdf.length; u++) {
            activityCdf[u] /= total;
        }
    }

    /** Draws user {@code u}'s taste vector and bias from {@code rnd}. */
    void drawUserTaste(int u, Random rnd) {
        for (int d = 0; d < dims; d++) {
            userVectors[u * dims + d] = (float) (rnd.nextGaussian() * sigma);
        }
        userBias[u] = (float) (rnd.nextGaussian() * USER_BIAS_SD);
    }

    /** Records when user {@code u}'s account was created, in seconds after the start. */
    void joined(int u, int second) {
        joinSecond[u] = second;
    }

    /** The movies, each with a unique slug, title with year, and genres. */
    public Catalogue catalogue() {
        return catalogue;
    }

    /** Taste dot product of user {@code userId} and the movie with {@code slug}. */
    public double affinity(long userId, String slug) {
        return dot(userIndex(userId), movieIndex(slug));
    }

    /** The noiseless rating before rounding and clamping. */
    public double expectedRating(long userId, String slug) {
        return expected(userIndex(userId), movieIndex(slug));
    }

    /** Seconds after the start when the user's account was created, or -1 when it existed before the log. */
    public int joinSecond(long userId) {
        return joinSecond[userIndex(userId)];
    }

    /** A copy of a user's taste vector. */
    public double[] userVector(long userId) {
        return vector(userVectors, userIndex(userId));
    }

    /** A copy of a movie's latent vector. */
    public double[] movieVector(String slug) {
        return vector(movieVectors, movieIndex(slug));
    }

    /** A rating on 1..5 for a noisy score: rounded, then clamped. */
    static int rating(double score) {
        return (int) Math.max(1, Math.min(5, Math.round(score)));
    }

    int users() {
        return userBias.length;
    }

    int movies() {
        return movieBias.length;
    }

    int joinSecondOf(int u) {
        return joinSecond[u];
    }

    /** Minutes of movie {@code m}: drawn for the session simulator, else a fixed 90..149 by index. */
    int runtime(int m) {
        return runtime != null ? runtime[m] : 90 + (int) ((m * 7919L) % 60);
    }

    /** The index of the movie with {@code slug}, or -1 when the catalogue has none. */
    int indexOf(String slug) {
        Integer m = movieIndex.get(slug);
        return m == null ? -1 : m;
    }

    String slug(int m) {
        return catalogue.movies().get(m).slug();
    }

    double dot(int u, int m) {
        double s = 0;
        int ub = u * dims;
        int mb = m * dims;
        for (int d = 0; d < dims; d++) {
            s += userVectors[ub + d] * movieVectors[mb + d];
        }
        return s;
    }

    double expected(int u, int m) {
        return MEAN + userBias[u] + movieBias[m] + TASTE_WEIGHT * dot(u, m);
    }

    /** The movies' popularity as a cumulative distribution, in catalogue order. */
    double[] popularityCdf() {
        return popularityCdf;
    }

    /** A user index drawn by activity (the session simulator's world), or uniformly when users have none. */
    int drawUser(Random rnd) {
        return activityCdf != null ? draw(rnd, activityCdf) : rnd.nextInt(users());
    }

    /** A movie index drawn by popularity. */
    int drawMovie(Random rnd) {
        return draw(rnd, popularityCdf);
    }

    /** An index drawn from a cumulative distribution. */
    static int draw(Random rnd, double[] cdf) {
        int i = Arrays.binarySearch(cdf, rnd.nextDouble());
        return Math.min(i >= 0 ? i : -i - 1, cdf.length - 1);
    }

    private double[] vector(float[] flat, int i) {
        double[] v = new double[dims];
        for (int d = 0; d < dims; d++) {
            v[d] = flat[i * dims + d];
        }
        return v;
    }

    private int userIndex(long userId) {
        if (userId < 1 || userId > userBias.length) {
            throw new IllegalArgumentException("unknown user " + userId);
        }
        return (int) (userId - 1);
    }

    private int movieIndex(String slug) {
        Integer m = movieIndex.get(slug);
        if (m == null) {
            throw new IllegalArgumentException("unknown movie " + slug);
        }
        return m;
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
}
