package dev.marquee.batch.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online evaluation on a hand-made log whose hits are known. The platform's zone is Europe/Berlin
 * (UTC+1 in January), so an answer at 09:00Z is 10:00 on the log's clock: an event at 09:30 (wall)
 * came before it and must not count, though it is after 09:00 read naively.
 */
@ExtendWith(SparkExtension.class)
class OnlineEvaluationIT {

    private static final StructType ANSWERS = new StructType()
            .add("time", DataTypes.TimestampType).add("user", DataTypes.LongType).add("version", DataTypes.StringType)
            .add("arm", DataTypes.StringType).add("movies", DataTypes.createArrayType(DataTypes.StringType))
            .add("coldStart", DataTypes.BooleanType).add("latencyMs", DataTypes.DoubleType)
            .add("status", DataTypes.IntegerType);
    private static final StructType EVENTS = new StructType()
            .add("kind", DataTypes.StringType).add("user", DataTypes.LongType).add("movie", DataTypes.StringType)
            .add("time", DataTypes.TimestampNTZType);

    private static Row answer(String instant, long user, String version, String arm, boolean coldStart, double latency,
            int status, String... movies) {
        return RowFactory.create(Timestamp.from(Instant.parse(instant)), user, version, arm, movies, coldStart, latency,
                status);
    }

    private static Row event(String kind, long user, String movie, String wallTime) {
        return RowFactory.create(kind, user, movie, LocalDateTime.parse(wallTime));
    }

    @Test
    void hitsPositionsMinutesColdStartArmsWindowEdgeAndPendingAnswers(SparkSession spark, @TempDir Path tmp) {
        BatchConfig config = BatchSettings.under(tmp).set("marquee.batch.validation.platform-zone", "Europe/Berlin")
                .set("marquee.batch.online.window", "24h").load(BatchConfig::load);
        List<Row> answers = List.of(
                // user 1: m2 watched twice and m3 rated within the window -> hit at position 2, 2 minutes
                answer("2025-01-10T09:00:00Z", 1, "v000001", "main", false, 2.0, 200, "m1", "m2", "m3"),
                // user 2: m1 watched an hour before the answer (wall 09:30) and exactly at its window's end: no hit
                answer("2025-01-10T09:00:00Z", 2, "v000001", "main", false, 4.0, 200, "m1", "m2"),
                // user 3, cold start: c1 rated one second before the window ends -> hit at position 1, 0 minutes
                answer("2025-01-10T09:00:00Z", 3, "v000001", "main", true, 10.0, 200, "c1", "c2"),
                // no version yet: a 503, no movies
                answer("2025-01-10T09:00:00Z", 4, null, "main", false, 0.5, 503),
                // the other arm: user 1's m5 watched once -> hit at position 1, 1 minute
                answer("2025-01-10T09:00:00Z", 1, "v000001", "b", false, 3.0, 200, "m5"),
                // 23:30Z is 00:30 on the 11th in Berlin: the next day's row; nothing watched
                answer("2025-01-10T23:30:00Z", 6, "v000001", "main", false, 1.0, 200, "m1"),
                // its window ends after the lake's latest event (12th 10:00 wall): pending
                answer("2025-01-12T08:00:00Z", 5, "v000001", "main", false, 1.0, 200, "m1"));
        List<Row> events = List.of(
                event("watch", 1, "m2", "2025-01-10T10:30:00"),
                event("watch", 1, "m2", "2025-01-10T10:31:00"),
                event("rate", 1, "m3", "2025-01-10T11:00:00"),
                event("watch", 1, "m5", "2025-01-10T12:00:00"),
                event("watch", 2, "m1", "2025-01-10T09:30:00"),
                event("watch", 2, "m1", "2025-01-11T10:00:00"),
                event("watch", 2, "m9", "2025-01-10T11:00:00"),
                event("account", 3, null, "2025-01-10T10:05:00"),
                event("rate", 3, "c1", "2025-01-11T09:59:59"),
                event("watch", 5, "m1", "2025-01-12T09:30:00"),
                event("watch", 9, "x", "2025-01-12T10:00:00"));
        Dataset<Row> a = spark.createDataFrame(answers, ANSWERS);
        Dataset<Row> e = spark.createDataFrame(events, EVENTS);

        OnlineReport report = new OnlineEvaluation(spark, config).evaluate(7, a, e);

        assertEquals(1, report.pending(), "user 5's window has not ended at the lake's latest event");
        assertEquals(6, report.evaluated());
        assertEquals("2025-01-12T10:00", report.latestEvent());
        Map<String, OnlineRow> rows = report.rows().stream()
                .collect(Collectors.toMap(r -> r.series() + "@" + r.day(), Function.identity()));
        assertEquals(List.of("-/main@2025-01-10", "v000001/b@2025-01-10", "v000001/main@2025-01-10",
                "v000001/main@2025-01-11"), new ArrayList<>(report.rows().stream().map(r -> r.series() + "@" + r.day())
                        .toList()), "sorted by version, arm and day");

        OnlineRow main = rows.get("v000001/main@2025-01-10");
        assertEquals(3, main.answers());
        assertEquals(3, main.users());
        assertEquals(3, main.answered());
        assertEquals(2, main.hits(), "users 1 and 3; user 2's watches are outside the window");
        assertEquals(2.0 / 3, main.hitRate(), 1e-9);
        assertEquals(1.5, main.meanFirstHit(), 1e-9, "positions 2 and 1");
        assertEquals(2, main.minutesWatched(), "user 1's two watch events of m2; a rating is no minute");
        assertEquals(1.0 / 3, main.coldStartShare(), 1e-9);
        assertEquals(4.0, main.latencyP50(), 1e-9);
        assertEquals(10.0, main.latencyP99(), 1e-9);
        assertEquals(0.0, main.non200Share(), 1e-9);

        OnlineRow armB = rows.get("v000001/b@2025-01-10");
        assertEquals(1, armB.hits());
        assertEquals(1.0, armB.hitRate(), 1e-9);
        assertEquals(1.0, armB.meanFirstHit(), 1e-9);
        assertEquals(1, armB.minutesWatched(), "the other arm's minutes are its own");

        OnlineRow notReady = rows.get("-/main@2025-01-10");
        assertNull(notReady.version());
        assertEquals(1, notReady.answers());
        assertEquals(0, notReady.answered());
        assertEquals(1.0, notReady.non200Share(), 1e-9);
        assertTrue(Double.isNaN(notReady.hitRate()), "no 200 answer: no hit rate");

        OnlineRow nextDay = rows.get("v000001/main@2025-01-11");
        assertEquals(1, nextDay.answers(), "the day is the platform zone's");
        assertEquals(0.0, nextDay.hitRate(), 1e-9);
        assertTrue(Double.isNaN(nextDay.meanFirstHit()));

        Map<String, long[]> totals = report.totals();
        assertEquals(List.of(4L, 4L, 2L, 2L), java.util.Arrays.stream(totals.get("v000001/main")).boxed().toList());
        String text = report.format();
        assertTrue(text.contains("version/arm v000001/main: 4 answers, hit rate 0.5000"), text);
        assertTrue(text.contains("1 pending"), text);
    }

    @Test
    void aShorterWindowLosesTheLateHits(SparkSession spark, @TempDir Path tmp) {
        BatchConfig config = BatchSettings.under(tmp).set("marquee.batch.validation.platform-zone", "UTC")
                .set("marquee.batch.online.window", "1h").load(BatchConfig::load);
        Dataset<Row> a = spark.createDataFrame(List.of(
                answer("2025-01-10T10:00:00Z", 1, "v000002", "main", false, 1.0, 200, "m1", "m2"),
                answer("2025-01-10T10:00:00Z", 2, "v000002", "main", false, 1.0, 200, "m1", "m2")), ANSWERS);
        Dataset<Row> e = spark.createDataFrame(List.of(
                event("watch", 1, "m2", "2025-01-10T10:59:59"),
                event("watch", 2, "m1", "2025-01-10T11:00:00"),
                event("watch", 9, "x", "2025-01-10T12:00:00")), EVENTS);

        OnlineReport report = new OnlineEvaluation(spark, config).evaluate(1, a, e);

        OnlineRow row = report.rows().get(0);
        assertEquals(1, row.hits(), "user 2's watch is at the window's end: outside");
        assertEquals(2.0, row.meanFirstHit(), 1e-9);
        assertEquals("PT1H", report.window());
    }
}
