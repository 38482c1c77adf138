package dev.marquee.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Phase end lines and the PHASE table, on wall and CPU clocks the test moves by hand. */
class ProgressTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong wall = new AtomicLong(5_000 * MS);
    private final AtomicLong cpu = new AtomicLong(90_000 * MS);

    @Test
    void eachPhaseEndsWithItsWallAndCpuTimeAndTheTableHasOneParsableLinePerPhase() {
        try (LogCapture log = LogCapture.of("marquee.batch");
                Progress progress = new Progress(wall::get, cpu::get, null, Duration.ZERO)) {
            progress.begin("ingest");
            wall.addAndGet(1_540 * MS);
            cpu.addAndGet(2_960 * MS);
            progress.done("run {}: {} new records", 1, 5000);
            progress.begin("top-n");
            wall.addAndGet(12_000 * MS);
            cpu.addAndGet(47_100 * MS);
            progress.done("{} lists", 400);

            assertEquals(List.of(new PhaseTime("ingest", 1_540, 2_960), new PhaseTime("top-n", 12_000, 47_100)),
                    progress.phases());
            assertTrue(log.lines().contains("[1] ingest (1540 ms, cpu 3.0 s, 1.5 s elapsed): run 1: 5000 new records"),
                    log.lines().toString());
            assertTrue(log.lines().contains("[2] top-n (12000 ms, cpu 47.1 s, 13.5 s elapsed): 400 lists"),
                    log.lines().toString());
            progress.logTable();
            assertEquals(List.of("PHASE name=ingest wall_s=1.5 cpu_s=3.0 run 1: 5000 new records",
                    "PHASE name=top-n wall_s=12.0 cpu_s=47.1 400 lists"),
                    log.lines().stream().filter(l -> l.startsWith("PHASE ")).toList());
            assertEquals(13_540, progress.elapsedMs());
        }
    }

    @Test
    void aJvmWithoutProcessCpuTimeGivesNaNNotAnInventedFigure() {
        try (LogCapture log = LogCapture.of("marquee.batch");
                Progress progress = new Progress(wall::get, () -> -1, null, Duration.ZERO)) {
            progress.begin("publish");
            wall.addAndGet(30 * MS);
            progress.done("CURRENT -> v000001");
            progress.logTable();
            assertEquals(List.of(new PhaseTime("publish", 30, -1)), progress.phases());
            assertTrue(log.lines().contains("PHASE name=publish wall_s=0.0 cpu_s=NaN CURRENT -> v000001"),
                    log.lines().toString());
        }
    }

    @Test
    void thisJvmSaysItsProcessCpuTime() {
        assertTrue(Progress.processCpuNanos() > 0, "HotSpot on Linux reports it");
    }
}
