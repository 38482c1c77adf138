package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.testkit.BatchSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake's retention rule on a lake laid out on disk: old runs retired, their offsets kept, the newest never. */
class LakeRetentionTest {

    @TempDir
    Path root;

    private IngestCommit run(LakeLayout lake, int run, LocalDate first, int days) throws IOException {
        for (int d = 0; d < days; d++) {
            Path part = lake.events(run).resolve("date=" + first.plusDays(d));
            Files.createDirectories(part);
            Files.writeString(part.resolve("part-0.parquet"), "events");
        }
        Files.createDirectories(lake.quarantine(run));
        Files.writeString(lake.quarantine(run).resolve("part-0.parquet"), "rejected");
        TreeMap<Integer, OffsetRange> offsets = new TreeMap<>();
        offsets.put(0, new OffsetRange(100L * (run - 1), 100L * run));
        IngestCommit commit = new IngestCommit(run, "movielog", offsets, 100, 100, 0, lake.events(run).toString(),
                lake.quarantine(run).toString(), "2025-03-06T00:00:00Z");
        new IngestLedger(lake).commit(commit);
        return commit;
    }

    @Test
    void runsOlderThanTheRetentionAreRetiredAndTheNewestNeverIs() throws IOException {
        LakeLayout lake = new LakeLayout(root);
        run(lake, 1, LocalDate.of(2025, 1, 1), 5);   // Jan 1..5
        run(lake, 2, LocalDate.of(2025, 1, 20), 6);  // Jan 20..25
        run(lake, 3, LocalDate.of(2025, 3, 1), 5);   // Mar 1..5: the lake's latest event
        List<IngestCommit> commits = new IngestLedger(lake).commits();

        assertEquals(List.of(), LakeRetention.apply(lake, commits, 0), "0 keeps everything");
        assertEquals(List.of(1), LakeRetention.apply(lake, commits, 50), "cutoff Jan 14: only run 1 is all before it");
        assertFalse(Files.exists(lake.events(1)));
        assertFalse(Files.exists(lake.quarantine(1)));
        assertEquals(List.of(2, 3), LakeRetention.readable(lake, commits).stream().map(IngestCommit::run).toList());
        assertEquals(3, new IngestLedger(lake).commits().size(), "the ledger keeps every run's offsets");

        assertEquals(List.of(2), LakeRetention.apply(lake, commits, 30), "cutoff Feb 3: run 2 too");
        assertEquals(Set.of(1, 2), LakeRetention.retired(lake));
        assertEquals(List.of(), LakeRetention.apply(lake, commits, 1), "the newest run is never retired");
        assertTrue(Files.exists(lake.events(3)));
        assertEquals(300L, new IngestLedger(lake).last().orElseThrow().until().get(0), "the next run starts after run 3");
    }

    @Test
    void retentionMustKeepTheTrainingWindow() {
        assertThrows(IllegalArgumentException.class, () -> BatchSettings.unused()
                .set("marquee.batch.train.window-days", 90).set("marquee.batch.lake.retention-days", 30)
                .load(BatchConfig::load));
        assertThrows(IllegalArgumentException.class, () -> BatchSettings.unused()
                .set("marquee.batch.lake.retention-days", 30).load(BatchConfig::load), "retention needs a window");
        assertEquals(120, BatchSettings.unused().set("marquee.batch.train.window-days", 90)
                .set("marquee.batch.lake.retention-days", 120).load(BatchConfig::load).lakeRetentionDays());
    }
}
