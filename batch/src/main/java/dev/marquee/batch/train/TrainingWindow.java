package dev.marquee.batch.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.time.LocalDateTime;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bounds what a night trains on: only the events of the last {@code days} days before the lake's
 * latest event, so the night does not grow with the lake's age. 0 keeps every event.
 */
public final class TrainingWindow {

    private TrainingWindow() {
    }

    /** {@code events} (with a {@code time} column) from {@code days} days before the latest one on; all of them if 0. */
    public static Dataset<Row> apply(Dataset<Row> events, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("train.window-days must be 0 (every event) or positive, got " + days);
        }
        if (days == 0) {
            return events;
        }
        LocalDateTime latest = events.agg(max("time")).first().getAs(0);
        if (latest == null) {
            return events;
        }
        return events.where(col("time").geq(lit(latest.minusDays(days))));
    }
}
