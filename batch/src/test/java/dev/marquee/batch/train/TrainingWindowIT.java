package dev.marquee.batch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marquee.testkit.SparkExtension;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A night trains on the last N days before the lake's latest event, or on everything with 0. */
@ExtendWith(SparkExtension.class)
class TrainingWindowIT {

    @Test
    void keepsTheLastDaysBeforeTheLatestEvent(SparkSession spark) {
        LocalDateTime latest = LocalDateTime.of(2025, 3, 31, 12, 0);
        List<Row> rows = new ArrayList<>();
        for (int day = 0; day < 100; day++) { // one event a day, the latest one on March 31st
            rows.add(RowFactory.create((long) day, latest.minusDays(day)));
        }
        Dataset<Row> events = spark.createDataFrame(rows, new StructType()
                .add("user", DataTypes.LongType).add("time", DataTypes.TimestampNTZType));
        assertEquals(100, TrainingWindow.apply(events, 0).count(), "0: every event");
        assertEquals(31, TrainingWindow.apply(events, 30).count(), "30 days back from the latest, both ends kept");
        assertEquals(100, TrainingWindow.apply(events, 365).count());
        assertThrows(IllegalArgumentException.class, () -> TrainingWindow.apply(events, -1));
    }
}
