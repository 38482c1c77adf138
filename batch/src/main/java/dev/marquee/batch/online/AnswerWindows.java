package dev.marquee.batch.online;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * An answer's instant into the log's terms: log times are wall times in the platform's zone, answer
 * times are instants, so each answer gets its wall time there ({@code start}), the end of its hit
 * window ({@code end}, exclusive) and its day. Done per row in Java, so no Spark session time zone
 * plays a part.
 */
final class AnswerWindows implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The lake's answer columns this needs, in this order. */
    static final String[] IN = {"time", "user", "version", "arm", "movies", "coldStart", "latencyMs", "status"};

    /** The rows it makes. */
    static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("version", DataTypes.StringType, true)
            .add("arm", DataTypes.StringType, false)
            .add("movies", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("coldStart", DataTypes.BooleanType, false)
            .add("latencyMs", DataTypes.DoubleType, false)
            .add("status", DataTypes.IntegerType, false)
            .add("start", DataTypes.TimestampNTZType, false)
            .add("end", DataTypes.TimestampNTZType, false)
            .add("day", DataTypes.StringType, false);

    private final ZoneId platformZone;
    private final long windowMillis;

    AnswerWindows(ZoneId platformZone, Duration window) {
        this.platformZone = platformZone;
        this.windowMillis = window.toMillis();
    }

    /** The answer instant's wall time in the platform's zone. */
    LocalDateTime wallTime(Instant time) {
        return LocalDateTime.ofInstant(time, platformZone);
    }

    Row toRow(Row a) {
        Object t = a.get(0);
        Instant time = t instanceof Instant i ? i : ((Timestamp) t).toInstant();
        LocalDateTime start = wallTime(time);
        return RowFactory.create(a.getLong(1), a.isNullAt(2) ? null : a.getString(2), a.getString(3), a.getList(4).toArray(new String[0]),
                a.getBoolean(5), a.getDouble(6), a.getInt(7), start, start.plus(Duration.ofMillis(windowMillis)),
                start.toLocalDate().toString());
    }
}
