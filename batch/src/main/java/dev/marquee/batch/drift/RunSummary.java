package dev.marquee.batch.drift;

import java.util.SortedMap;

/**
 * What drift needs of one run's events, a few kB whatever the run's size, kept as
 * {@code lake/_drift/run-N.json} so later nights compare against it without rereading events.
 *
 * @param run the run's number
 * @param ratings ratings per star value ("1".."5")
 * @param popularity the share of the run's interactions (distinct user-movie pairs) held by each
 *     decile of the movies it touched, the most touched tenth first (10 shares); on a big run, of the
 *     pairs of a hash subset of users (ten times the sample size)
 * @param activeUsers users with an accepted event in the run
 * @param newUsers of those, users whose account was created in the run
 * @param lines the run's records per outcome: {@code accepted} and each reject reason
 * @param interactionsPerUser a hash sample of users (at most the sample size) with an interaction: distinct movies
 *     rated or watched in the run -> users
 * @param sessionMinutes a hash sample of watch sessions: minutes -> sessions
 */
public record RunSummary(
        int run,
        SortedMap<String, Long> ratings,
        double[] popularity,
        long activeUsers,
        long newUsers,
        SortedMap<String, Long> lines,
        SortedMap<Long, Long> interactionsPerUser,
        SortedMap<Long, Long> sessionMinutes) {

    /** The outcome of an accepted record in {@link #lines}. */
    public static final String ACCEPTED = "accepted";
    /** Number of popularity bins. */
    public static final int DECILES = 10;
}
