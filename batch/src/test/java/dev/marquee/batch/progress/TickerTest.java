package dev.marquee.batch.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.LogCapture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ticker's lines on a clock the test moves by hand: nothing sleeps, every tick is called. */
class TickerTest {
    private static final long S = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * S);
    private final SparkStages stages = new SparkStages(now::get);
    private final Ticker ticker = new Ticker(now::get, stages);

    private void at(long seconds) {
        now.set(1_000 * S + seconds * S);
    }

    @Test
    void aCountedStepGivesItsRateAndEtaFromTheFirstReportOfItsCounter() {
        at(0);
        ticker.phase(3, "models");
        ticker.step("tuning popularity", 0, 6);
        at(40);
        ticker.step("tuning ease {lambda=300.0}", 2, 6);
        at(60);
        // 2 fits in 60 s = 2/min; 4 left at 1 per 30 s = 120 s
        assertEquals("[3] models 1m00s: tuning ease {lambda=300.0} (2/6, 2.0/min, ETA 2m00s); no Spark stage running",
                ticker.tick());

        at(70);
        ticker.step("writing users", 0, 1_000_000); // another total: a new counter, measured from here
        at(80);
        ticker.step("writing users", 250_000, 1_000_000);
        assertEquals("[3] models 1m20s: writing users (250,000/1,000,000, 25,000/s, ETA 30 s); no Spark stage running",
                ticker.tick());
    }

    @Test
    void withoutProgressSinceTheCounterBeganTheEtaIsUnknown() {
        at(0);
        ticker.phase(5, "export");
        ticker.step("writing users", 0, 1000);
        at(12);
        assertEquals("[5] export 12 s: writing users (0/1,000, ETA unknown); no Spark stage running", ticker.tick());
        ticker.step("compacting");
        assertEquals("[5] export 12 s: compacting; no Spark stage running", ticker.tick());
        ticker.step("users so far", 300, 0); // no total: a count and no ETA
        at(22);
        ticker.step("users so far", 800, 0);
        assertEquals("[5] export 22 s: users so far (800, 50/s); no Spark stage running", ticker.tick());
    }

    @Test
    void aSparkStageGivesTasksDoneOfTotalTheirRateEtaAndRecordsPerSecond() {
        at(0);
        ticker.phase(1, "ingest");
        stages.submitted(41, "treeAggregate at EaseSolver.java:88", 8);
        at(2);
        assertEquals("[1] ingest 2 s: Spark stage 41 \"treeAggregate at EaseSolver.java:88\": tasks 0/8, ETA unknown",
                ticker.tick(), "no task done yet: no rate, so no ETA");
        at(5);
        stages.taskEnded(41, 1, true, 60_000);
        stages.taskEnded(41, 2, true, 60_000);
        stages.taskEnded(41, 3, false, 999); // failed: retried, not done
        stages.reading(41, 4, 30_000); // a running task's heartbeat
        stages.reading(41, 1, 70_000); // a late heartbeat of a task that ended: not counted twice
        // 2 tasks in 5 s = 0.4/s = 24/min; 6 left: 15 s; 150,000 records in 5 s
        assertEquals("[1] ingest 5 s: Spark stage 41 \"treeAggregate at EaseSolver.java:88\": tasks 2/8, 24.0/min, "
                + "ETA 15 s, 150,000 records read (30,000/s)", ticker.tick());

        stages.submitted(42, "count at NightlyJob.java:140", 2);
        at(10);
        stages.taskEnded(42, 9, true, 0);
        // 2/10 s + 1/5 s = 0.4 tasks/s over both; 7 left
        assertEquals("[1] ingest 10 s: Spark stages 41+42 \"treeAggregate at EaseSolver.java:88\": tasks 3/10, 24.0/min, "
                + "ETA 18 s, 150,000 records read (15,000/s)", ticker.tick());
        stages.completed(41);
        stages.completed(42);
        assertEquals("[1] ingest 10 s: no Spark stage running", ticker.tick());
    }

    @Test
    void aStageNamedAfterAScalaClosureIsShownByItsIdAloneAndLongNamesAreCut() {
        at(0);
        ticker.phase(2, "interactions");
        stages.submitted(538, SparkStages.describe("$anonfun$withThreadLocalCaptured$2 at CompletableFuture.java:1768"), 4);
        assertEquals("[2] interactions 0 s: Spark stage 538: tasks 0/4, ETA unknown", ticker.tick());
        assertEquals("Listing leaf files and directories for 60 paths", SparkStages.describe(
                "Listing leaf files and directories for 60 paths:<br/>file:/tmp/lake/events/run=000001/date=2025-02-22, ..."));
        assertEquals(80, SparkStages.describe("x".repeat(200)).length());
    }

    @Test
    void betweenPhasesThereIsNoLineAndANewPhaseForgetsTheLastStep() {
        assertNull(ticker.tick());
        ticker.phase(1, "ingest");
        ticker.step("reading");
        ticker.phase(0, null);
        assertNull(ticker.tick());
        ticker.phase(2, "interactions");
        assertEquals("[2] interactions 0 s: no Spark stage running", ticker.tick());
        Ticker withoutSpark = new Ticker(now::get, null);
        withoutSpark.phase(4, "gate");
        assertEquals("[4] gate 0 s: working", withoutSpark.tick());
    }

    @Test
    void linesGoToTheMarqueeBatchLogger() {
        try (LogCapture log = LogCapture.of("marquee.batch")) {
            ticker.phase(2, "top-n");
            String line = ticker.tick();
            assertTrue(log.lines().contains(line), log.lines().toString());
        }
    }

    @Test
    void durationsAndRatesReadAsPeopleWriteThem() {
        assertEquals("59 s", Ticker.duration(59.4));
        assertEquals("3m20s", Ticker.duration(200));
        assertEquals("1h02m", Ticker.duration(3725));
        assertEquals("12,346/s", Ticker.rate(12_345.6));
        assertEquals("2.5/s", Ticker.rate(2.5));
        assertEquals("1.5/min", Ticker.rate(0.025));
        assertEquals("ETA unknown", Ticker.eta(5, 0));
        assertEquals("ETA 0 s", Ticker.eta(0, 0));
    }

    @Test
    void theTickingThreadStopsOnCloseAndZeroStartsNone() {
        Ticker off = new Ticker(now::get, null);
        off.start(Duration.ZERO);
        assertFalse(off.running());
        off.close();

        Ticker on = new Ticker(now::get, null);
        on.start(Duration.ofHours(1));
        assertTrue(on.running());
        on.close();
        assertFalse(on.running(), "close waits for the thread to end");
    }
}
