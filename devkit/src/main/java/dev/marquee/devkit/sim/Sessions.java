package dev.marquee.devkit.sim;

import java.util.Arrays;
import java.util.Random;

/**
 * Draws one simulated day at a time: the accounts created that day, then viewing sessions until the day's
 * volume is reached. A session's user is drawn by activity (among accounts that exist by then), its start by a
 * daily profile (evenings busiest), its movie among a few popular candidates by exp(taste affinity); the user
 * watches minutes 0..k, to the end more often for movies they like, then rates it with some probability. Some
 * sessions begin with a recommendation request, a few of them failed ({@code status 0}).
 */
final class Sessions {

    static final long MINUTE_MS = 60_000L;
    static final long DAY_MS = 86_400_000L;
    private static final double[] HOUR_WEIGHTS = {3, 2, 1, 1, 1, 1, 2, 3, 4, 4, 4, 5, 6, 6, 6, 6, 7, 8, 10, 12,
        13, 12, 9, 5};
    private static final int CANDIDATES = 8;
    private static final double RECOMMENDATION_SHARE = 0.2;
    private static final double FAILED_RECOMMENDATION_SHARE = 0.05;
    private static final double RATE_AFTER_FINISH = 0.5;
    private static final double RATE_AFTER_ABANDON = 0.12;
    /** Recommendation event value for a failed request. */
    static final int STATUS_FAILED = 0;
    static final int STATUS_OK = 200;

    private final World world;
    private final Random rnd;
    private final double[] hourCdf;
    private final int[] newUsersByJoin;
    /** Per user, the second after the start when their last session (and its rating) ended: no overlaps. */
    private final int[] busyUntil;
    private int nextJoin;

    Sessions(World world, long seed) {
        this.world = world;
        this.rnd = new Random(seed);
        this.hourCdf = new double[HOUR_WEIGHTS.length];
        double total = Arrays.stream(HOUR_WEIGHTS).sum();
        double acc = 0;
        for (int h = 0; h < HOUR_WEIGHTS.length; h++) {
            acc += HOUR_WEIGHTS[h] / total;
            hourCdf[h] = acc;
        }
        long[] keys = new long[world.users()];
        int n = 0;
        for (int u = 0; u < world.users(); u++) {
            if (world.joinSecondOf(u) >= 0) {
                keys[n++] = ((long) world.joinSecondOf(u) << 32) | u;
            }
        }
        Arrays.sort(keys, 0, n);
        this.busyUntil = new int[world.users()];
        this.newUsersByJoin = new int[n];
        for (int i = 0; i < n; i++) {
            newUsersByJoin[i] = (int) keys[i];
        }
    }

    /** Adds day {@code day}'s events (about {@code target} of them) to {@code out}; returns how many. */
    long day(int day, long target, EventBuffer out) {
        long dayStart = day * DAY_MS;
        long dayEnd = dayStart + DAY_MS;
        long added = 0;
        while (nextJoin < newUsersByJoin.length
                && world.joinSecondOf(newUsersByJoin[nextJoin]) * 1000L < dayEnd) {
            int u = newUsersByJoin[nextJoin++];
            out.add(world.joinSecondOf(u) * 1000L, u, EventBuffer.ACCOUNT, -1, 0);
            added++;
        }
        while (added < target) {
            int u = user(dayEnd);
            if (u < 0) {
                break; // no account exists yet on this day
            }
            added += session(u, dayStart, out);
        }
        return added;
    }

    private int session(int u, long dayStart, EventBuffer out) {
        long start = dayStart + 10_000 + hour() * 3_600_000L + (long) (rnd.nextDouble() * 3_590_000);
        long joined = world.joinSecondOf(u) * 1000L;
        if (world.joinSecondOf(u) >= 0 && start < joined + MINUTE_MS) {
            start = joined + MINUTE_MS + (long) (rnd.nextDouble() * 30 * MINUTE_MS);
        }
        if (start < busyUntil[u] * 1000L) {
            start = busyUntil[u] * 1000L + 2 * MINUTE_MS + (long) (rnd.nextDouble() * 60 * MINUTE_MS);
        }
        int added = 0;
        if (rnd.nextDouble() < RECOMMENDATION_SHARE) {
            int status = rnd.nextDouble() < FAILED_RECOMMENDATION_SHARE ? STATUS_FAILED : STATUS_OK;
            out.add(start - 1000 - rnd.nextInt(4000), u, EventBuffer.RECOMMENDATION, -1, status);
            added++;
        }
        int m = movie(u);
        int[] lines = {0};
        long end = play(world, rnd, u, m, start, (t, user, kind, movie, value) -> {
            out.add(t, user, kind, movie, value);
            lines[0]++;
        });
        added += lines[0];
        busyUntil[u] = (int) (end / 1000 + 1);
        return added;
    }

    /**
     * A user drawn by activity whose account exists before {@code dayEnd}, preferring one not busy watching past
     * the next day (only a log far denser than a day of watching per user runs out of those); -1 when no account
     * exists yet.
     */
    private int user(long dayEnd) {
        int fallback = -1;
        for (int tries = 0; tries < 64; tries++) {
            int u = world.drawUser(rnd);
            if (world.joinSecondOf(u) * 1000L < dayEnd - MINUTE_MS) {
                if (busyUntil[u] * 1000L < dayEnd + DAY_MS) {
                    return u;
                }
                fallback = u;
            }
        }
        if (fallback >= 0) {
            busyUntil[fallback] = 0; // saturated: this one session may overlap the user's previous one
        }
        return fallback;
    }

    /** Where {@link #play} puts a session's events: time in ms, user index, {@link EventBuffer} kind, movie, value. */
    interface Sink {
        void add(long timeMs, int userIndex, byte kind, int movieIndex, int value);
    }

    /**
     * User {@code u} watches movie {@code m} from {@code start}: minutes 0..k, to the end more often for movies
     * they like, then rates it with some probability (a rating drawn from the world's model). Returns when the
     * session (and its rating) ended.
     */
    static long play(World world, Random rnd, int u, int m, long start, Sink out) {
        double expected = world.expected(u, m);
        boolean finish = rnd.nextDouble() < 1 / (1 + Math.exp(-2 * (expected - 3.3)));
        int runtime = world.runtime(m);
        double f = rnd.nextDouble();
        int minutes = finish ? runtime : 1 + (int) (runtime * 0.6 * f * f);
        for (int k = 0; k < minutes; k++) {
            out.add(start + k * MINUTE_MS + rnd.nextInt(1000), u, EventBuffer.WATCH, m, k);
        }
        long end = start + minutes * MINUTE_MS;
        if (rnd.nextDouble() < (finish ? RATE_AFTER_FINISH : RATE_AFTER_ABANDON)) {
            int rating = World.rating(expected + rnd.nextGaussian() * World.NOISE_SD);
            end += 30_000 + (long) (rnd.nextDouble() * 10 * MINUTE_MS);
            out.add(end, u, EventBuffer.RATE, m, rating);
        }
        return end;
    }

    private int hour() {
        return World.draw(rnd, hourCdf);
    }

    private int movie(int u) {
        return organicMovie(world, rnd, u);
    }

    /** Among a few candidates drawn by popularity, the one with the largest Gumbel-perturbed affinity. */
    static int organicMovie(World world, Random rnd, int u) {
        int best = -1;
        double bestKey = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            int m = world.drawMovie(rnd);
            double key = World.TASTE_WEIGHT * world.dot(u, m) - Math.log(-Math.log(1 - rnd.nextDouble()));
            if (key > bestKey) {
                bestKey = key;
                best = m;
            }
        }
        return best;
    }
}
