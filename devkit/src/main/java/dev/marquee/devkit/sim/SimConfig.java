package dev.marquee.devkit.sim;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to simulate.
 *
 * @param users           user ids 1..users
 * @param movies          catalogue size
 * @param events          approximate number of log lines to produce, garbage included
 * @param days            days the log spans (sessions start within them)
 * @param start           first day of the log, at 00:00
 * @param latentDims      dimensions of the taste vectors
 * @param garbageShare    share of lines that are garbage, 0..1 (see {@link GarbageKind} for the kinds)
 * @param newAccountShare share of users whose account is created during the span (a {@code GET /create_account}
 *                        line when it is); the others existed before the log starts
 * @param seed            everything generated follows from it
 */
public record SimConfig(int users, int movies, long events, int days, LocalDate start, int latentDims,
                        double garbageShare, double newAccountShare, long seed) {

    public SimConfig {
        Objects.requireNonNull(start, "start");
        if (users < 1 || movies < 20 || events < 1 || days < 1 || latentDims < 1) {
            throw new IllegalArgumentException("need users >= 1, movies >= 20, events >= 1, days >= 1, "
                    + "latentDims >= 1: " + this);
        }
        if ((long) users * latentDims > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("users x latentDims must fit an int array: " + this);
        }
        if (days > 3650) {
            throw new IllegalArgumentException("days must be at most 3650: " + days);
        }
        if (!(garbageShare >= 0 && garbageShare < 1)) {
            throw new IllegalArgumentException("garbageShare must be in [0, 1): " + garbageShare);
        }
        if (!(newAccountShare >= 0 && newAccountShare <= 1)) {
            throw new IllegalArgumentException("newAccountShare must be in [0, 1]: " + newAccountShare);
        }
    }

    /**
     * {@code users} x {@code movies} and about {@code events} lines over 30 days from 2025-01-01, 16 latent
     * dimensions, 1% garbage, 20% of accounts new during the span, seed 42.
     */
    public static SimConfig of(int users, int movies, long events) {
        return new SimConfig(users, movies, events, 30, LocalDate.of(2025, 1, 1), 16, 0.01, 0.2, 42L);
    }

    /** A copy with another seed. */
    public SimConfig withSeed(long newSeed) {
        return new SimConfig(users, movies, events, days, start, latentDims, garbageShare, newAccountShare, newSeed);
    }

    /** A copy with another garbage share. */
    public SimConfig withGarbageShare(double share) {
        return new SimConfig(users, movies, events, days, start, latentDims, share, newAccountShare, seed);
    }

    /** A copy spanning another number of days. */
    public SimConfig withDays(int newDays) {
        return new SimConfig(users, movies, events, newDays, start, latentDims, garbageShare, newAccountShare, seed);
    }
}
