package dev.marquee.batch.ingest;

import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.MovieIds;
import dev.marquee.events.RateEvent;
import dev.marquee.events.RejectReason;
import dev.marquee.events.WatchEvent;
import java.io.Serializable;
import java.time.LocalDateTime;

/**
 * Every check a log line goes through, in one place. First its syntax: {@link EventParser} parses
 * the line or rejects it with a {@link RejectReason} code (a user id is a non-negative long; a movie
 * id must be {@link MovieIds#isValid valid in the log}). Then the job's expectations on the parsed
 * event, below, each with its own reason code: the user id in range, the time within the platform's
 * life and the run's tolerance, a movie id that is a {@link MovieIds#isSlug slug}, a rating on the
 * configured scale. Duplicates are found across lines later ({@link #DUPLICATE}); the run-level
 * expectations are {@link Expectations}'.
 */
public final class LineChecks implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A well-formed rating outside the configured scale. */
    public static final String OFF_SCALE = "rating_off_scale";
    /** A user id above the configured maximum. */
    public static final String USER_OUT_OF_RANGE = "user_out_of_range";
    /** A movie id that is not a slug: lower-case letters and digits joined by single '+'. */
    public static final String BAD_MOVIE_SLUG = "bad_movie_slug";
    /** A time later than the run's start plus the tolerance. */
    public static final String TIME_IN_FUTURE = "time_in_future";
    /** A time before the platform's start. */
    public static final String TIME_BEFORE_START = "time_before_platform_start";
    /** The same event as an earlier record of the same run. */
    public static final String DUPLICATE = "duplicate";

    private final int ratingMin;
    private final int ratingMax;
    private final long maxUserId;
    private final LocalDateTime notBefore;
    private final LocalDateTime notAfter;

    /**
     * @param ratingMin lowest valid rating
     * @param ratingMax highest valid rating
     * @param maxUserId largest valid user id
     * @param notBefore earliest valid time (the platform's start)
     * @param notAfter latest valid time (the run's start plus a tolerance)
     */
    public LineChecks(int ratingMin, int ratingMax, long maxUserId, LocalDateTime notBefore, LocalDateTime notAfter) {
        this.ratingMin = ratingMin;
        this.ratingMax = ratingMax;
        this.maxUserId = maxUserId;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    /** The reason an event breaks an expectation, or null. */
    public String check(Event event) {
        if (event.userId() > maxUserId) {
            return USER_OUT_OF_RANGE;
        }
        if (event.time().isAfter(notAfter)) {
            return TIME_IN_FUTURE;
        }
        if (event.time().isBefore(notBefore)) {
            return TIME_BEFORE_START;
        }
        if (event instanceof RateEvent e) {
            if (!MovieIds.isSlug(e.movieId())) {
                return BAD_MOVIE_SLUG;
            }
            return e.rating() < ratingMin || e.rating() > ratingMax ? OFF_SCALE : null;
        }
        if (event instanceof WatchEvent e && !MovieIds.isSlug(e.movieId())) {
            return BAD_MOVIE_SLUG;
        }
        return null;
    }
}
