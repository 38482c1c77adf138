package dev.marquee.batch.eval.holdout;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.time.LocalDateTime;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A global time cut, as the nightly deployment lives it: models learn from every event up to
 * {@code cut} and are judged on what users did in {@code (cut, end]}. Validation (tuning) is the
 * same one window earlier: learn up to {@code cut - window}, judge on {@code (cut - window, cut]}.
 *
 * @param cut the last instant models may learn from
 * @param end the last instant of the test window
 */
public record TimeCut(LocalDateTime cut, LocalDateTime end) {
    private static final Logger LOG = LoggerFactory.getLogger(TimeCut.class);

    public TimeCut {
        if (!end.isAfter(cut)) {
            throw new IllegalArgumentException("the test window ends (" + end + ") before its cut (" + cut + ")");
        }
    }

    /** The test window's length. */
    public Duration window() {
        return Duration.between(cut, end);
    }

    /** The validation cut: the same window, one window earlier. */
    public TimeCut previous() {
        return new TimeCut(cut.minus(window()), cut);
    }

    /**
     * The test window that ends at {@code end}: {@code window} long, doubled (up to
     * {@code maxWindow}) until at least {@code minUsers} users have an event before the cut and
     * one inside the window, so that a figure is never judged on a handful of users.
     *
     * @param events {@code user, time}
     */
    public static TimeCut sized(Dataset<Row> events, LocalDateTime end, Duration window, Duration maxWindow,
            long minUsers) {
        Dataset<Row> spans = events.filter(col("time").leq(lit(end))).groupBy("user")
                .agg(min("time").as("first"), max("time").as("last")).cache();
        try {
            Duration w = window;
            while (true) {
                LocalDateTime cut = end.minus(w);
                Row r = spans.agg(sum(when(col("first").leq(lit(cut)).and(col("last").gt(lit(cut))), 1).otherwise(0)))
                        .first();
                long users = r.isNullAt(0) ? 0 : r.getLong(0);
                if (users >= minUsers || w.compareTo(maxWindow) >= 0) {
                    if (users < minUsers) {
                        LOG.warn("evaluation: only {} returning users in the widest window ({}), below eval.min-users {}",
                                users, w, minUsers);
                    }
                    LOG.info("evaluation window {} .. {} ({}): {} returning users", cut, end, w, users);
                    return new TimeCut(cut, end);
                }
                w = w.multipliedBy(2);
                if (w.compareTo(maxWindow) > 0) {
                    w = maxWindow;
                }
            }
        } finally {
            spans.unpersist();
        }
    }
}
