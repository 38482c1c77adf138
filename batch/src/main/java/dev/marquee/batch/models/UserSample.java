package dev.marquee.batch.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A deterministic share of the users, each with its whole history: the same users for the same
 * ids on every night and every machine (a hash of the id, not a random draw). Model selection runs
 * on it when the platform has more users than {@code eval.select-sample-users}; the winner is then
 * refitted on everyone.
 *
 * @param events the sampled users' events (every event when nothing was sampled)
 * @param users users before sampling
 * @param kept about how many were kept
 * @param scale how many users each kept user stands for ({@code users / kept}; 1 when all are kept)
 */
public record UserSample(Dataset<Row> events, long users, long kept, double scale) {
    /** The hash's resolution: shares are multiples of one millionth. */
    static final long BUCKETS = 1_000_000L;

    /** The users whose id hashes below {@code keep} of {@link #BUCKETS}. */
    static Column below(long keep) {
        return pmod(xxhash64(col("user")), lit(BUCKETS)).lt(keep);
    }

    /**
     * About {@code max} of the users of {@code events} (column {@code user}) with all their events;
     * every event when there are no more than {@code max} users or {@code max} is 0.
     */
    public static UserSample of(Dataset<Row> events, long max) {
        if (max <= 0) {
            return new UserSample(events, -1, -1, 1);
        }
        long users = events.select("user").distinct().count();
        if (users <= max) {
            return new UserSample(events, users, users, 1);
        }
        long keep = Math.max(1, BUCKETS * max / users);
        Dataset<Row> sampled = events.filter(below(keep));
        long kept = sampled.select("user").distinct().count();
        return new UserSample(sampled, users, kept, (double) users / Math.max(1, kept));
    }

    /** Whether this is a sample (fewer users than all). */
    public boolean sampled() {
        return scale > 1;
    }
}
