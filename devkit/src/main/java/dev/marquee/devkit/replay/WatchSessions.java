package dev.marquee.devkit.replay;

/**
 * Whether and how {@link DatasetLog} adds viewing sessions before ratings: a share of the ratings gets a session
 * of consecutive watch minutes 0..k of the rated movie ending shortly before the rating. High ratings usually
 * watched to the end, low ones were often abandoned early. Each (user, movie, time) draws from its own seeded
 * random, so the log is reproducible and does not depend on the other ratings' draws.
 *
 * @param share      share of ratings that get a session, 0..1
 * @param maxMinutes longest session, in minutes (watch lines)
 * @param seed       the draws follow from it
 */
public record WatchSessions(double share, int maxMinutes, long seed) {

    /** No sessions: the log holds account and rate events only. */
    public static final WatchSessions NONE = new WatchSessions(0, 1, 0);

    /** Longest gap between a session's last minute and its rating, in seconds. */
    static final int MAX_GAP_SECONDS = 600;

    public WatchSessions {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in [0, 1]: " + share);
        }
        if (maxMinutes < 1) {
            throw new IllegalArgumentException("maxMinutes must be positive: " + maxMinutes);
        }
    }

    /** 15% of ratings get a session of at most 120 minutes, seed 42: MovieTweetings 100k gives about 1M lines. */
    public static WatchSessions defaults() {
        return new WatchSessions(0.15, 120, 42L);
    }

    /** How long before its rating a session may begin, in seconds. */
    long maxLeadSeconds() {
        return maxMinutes * 60L + MAX_GAP_SECONDS;
    }
}
