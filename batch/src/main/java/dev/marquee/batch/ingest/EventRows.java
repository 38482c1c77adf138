package dev.marquee.batch.ingest;

import dev.marquee.events.AccountEvent;
import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.ParseResult;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.events.RecommendationEvent;
import dev.marquee.events.Rejected;
import dev.marquee.events.WatchEvent;
import java.io.Serializable;
import java.time.LocalDateTime;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns one log record into one typed row, checking the per-line expectations. Every record yields
 * a row: a line that does not parse or breaks an expectation becomes a row of kind
 * {@value #REJECTED} with its reason, so nothing is lost and everything is counted. The line's
 * text is kept on every row until the lake is written (duplicates are found later and quarantined
 * with their text).
 */
public final class EventRows implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String RATE = "rate";
    public static final String WATCH = "watch";
    public static final String RECOMMENDATION = "recommendation";
    public static final String ACCOUNT = "account";
    public static final String REJECTED = "rejected";

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

    /** Schema of the rows {@link #toRow} makes. {@code time} is the platform's local time. */
    public static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("user", DataTypes.LongType, true)
            .add("movie", DataTypes.StringType, true)
            .add("rating", DataTypes.IntegerType, true)
            .add("minute", DataTypes.IntegerType, true)
            .add("time", DataTypes.TimestampNTZType, true)
            .add("reason", DataTypes.StringType, true)
            .add("line", DataTypes.StringType, true)
            .add("partition", DataTypes.IntegerType, false)
            .add("offset", DataTypes.LongType, false);

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
    public EventRows(int ratingMin, int ratingMax, long maxUserId, LocalDateTime notBefore, LocalDateTime notAfter) {
        this.ratingMin = ratingMin;
        this.ratingMax = ratingMax;
        this.maxUserId = maxUserId;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    /** The row for one record's text at (partition, offset). */
    public Row toRow(String line, int partition, long offset) {
        ParseResult result = EventParser.parse(line == null ? "" : line);
        if (result instanceof Rejected r) {
            return rejected(line, r.reason().code(), partition, offset);
        }
        Event event = ((Parsed) result).event();
        String reason = check(event);
        if (reason != null) {
            return rejected(line, reason, partition, offset);
        }
        if (event instanceof RateEvent e) {
            return RowFactory.create(RATE, e.userId(), e.movieId(), e.rating(), null, e.time(), null, line, partition, offset);
        }
        if (event instanceof WatchEvent e) {
            return RowFactory.create(WATCH, e.userId(), e.movieId(), null, e.minute(), e.time(), null, line, partition, offset);
        }
        if (event instanceof RecommendationEvent e) {
            return RowFactory.create(RECOMMENDATION, e.userId(), null, null, null, e.time(), null, line, partition, offset);
        }
        AccountEvent e = (AccountEvent) event;
        return RowFactory.create(ACCOUNT, e.userId(), null, null, null, e.time(), null, line, partition, offset);
    }

    /** The reason an event breaks an expectation, or null. */
    private String check(Event event) {
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
            if (!isSlug(e.movieId())) {
                return BAD_MOVIE_SLUG;
            }
            return e.rating() < ratingMin || e.rating() > ratingMax ? OFF_SCALE : null;
        }
        if (event instanceof WatchEvent e && !isSlug(e.movieId())) {
            return BAD_MOVIE_SLUG;
        }
        return null;
    }

    /** Lower-case ASCII letters and digits in runs joined by single '+', as {@code the+matrix+1999}. */
    static boolean isSlug(String id) {
        int n = id.length();
        if (n == 0 || id.charAt(0) == '+' || id.charAt(n - 1) == '+') {
            return false;
        }
        char previous = ' ';
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '+' && previous != '+');
            if (!ok) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static Row rejected(String line, String reason, int partition, long offset) {
        return RowFactory.create(REJECTED, null, null, null, null, null, reason, line, partition, offset);
    }
}
