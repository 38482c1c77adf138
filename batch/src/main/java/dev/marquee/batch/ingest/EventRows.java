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
 * Turns one log record into one typed row, checked by {@link LineChecks}. Every record yields
 * a row: a line that does not parse or breaks an expectation becomes a row of kind
 * {@value #REJECTED} with its reason, so nothing is lost and everything is counted. The line's
 * text is kept on every row; the lake keeps it only where it needs it ({@link Ingestion#lakeRows}).
 */
public final class EventRows implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String RATE = "rate";
    public static final String WATCH = "watch";
    public static final String RECOMMENDATION = "recommendation";
    public static final String ACCOUNT = "account";
    public static final String REJECTED = "rejected";

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

    private final LineChecks checks;

    /**
     * @param ratingMin lowest valid rating
     * @param ratingMax highest valid rating
     * @param maxUserId largest valid user id
     * @param notBefore earliest valid time (the platform's start)
     * @param notAfter latest valid time (the run's start plus a tolerance)
     */
    public EventRows(int ratingMin, int ratingMax, long maxUserId, LocalDateTime notBefore, LocalDateTime notAfter) {
        this.checks = new LineChecks(ratingMin, ratingMax, maxUserId, notBefore, notAfter);
    }

    /** The row for one record's text at (partition, offset). */
    public Row toRow(String line, int partition, long offset) {
        ParseResult result = EventParser.parse(line == null ? "" : line);
        if (result instanceof Rejected r) {
            return rejected(line, r.reason().code(), partition, offset);
        }
        Event event = ((Parsed) result).event();
        String reason = checks.check(event);
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

    /** The row of a record whose text repeats a line just before it: a rejected {@code duplicate}. */
    public static Row duplicate(String line, int partition, long offset) {
        return rejected(line, LineChecks.DUPLICATE, partition, offset);
    }

    private static Row rejected(String line, String reason, int partition, long offset) {
        return RowFactory.create(REJECTED, null, null, null, null, null, reason, line, partition, offset);
    }
}
