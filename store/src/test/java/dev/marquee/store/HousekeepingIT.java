package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollback and prune against real published versions on disk. */
class HousekeepingIT {

    @TempDir
    Path root;

    private StoreLayout publishAndPromote(String... ids) {
        StoreLayout layout = new StoreLayout(root);
        for (String id : ids) {
            TestVersions.publish(layout, id, 3, 1, 10);
            layout.promote(id);
        }
        return layout;
    }

    @Test
    void rollbackStepsBackAlongThePromotionOrderNotTheIdOrder() throws IOException {
        StoreLayout layout = publishAndPromote("v000001", "v000003", "v000002");
        assertEquals(new Housekeeping.Rollback("v000002", "v000003"), Housekeeping.rollback(layout));
        assertEquals(Optional.of("v000003"), layout.current());
        assertEquals(new Housekeeping.Rollback("v000003", "v000001"), Housekeeping.rollback(layout));
        assertEquals(Optional.of("v000001"), layout.current());
        StoreException e = assertThrows(StoreException.class, () -> Housekeeping.rollback(layout));
        assertTrue(e.getMessage().contains("no complete version before v000001"), e.getMessage());
        assertEquals(Optional.of("v000001"), layout.current(), "a refused rollback leaves CURRENT alone");
        assertEquals(List.of("promote v000001", "promote v000003", "promote v000002", "rollback v000003",
                "rollback v000001"), Files.readAllLines(layout.historyFile()));
    }

    @Test
    void rollBackFromToPopsTheStackAndRefusesWhenCurrentMovedOn() throws IOException {
        StoreLayout layout = publishAndPromote("v000001", "v000002", "v000003");
        layout.rollBack("v000003", "v000002");
        assertEquals(Optional.of("v000002"), layout.current());
        assertEquals(Optional.of("v000001"), Housekeeping.previous(layout, "v000002"), "v000003 popped off");
        List<String> before = Files.readAllLines(layout.historyFile());
        assertEquals("rollback v000002", before.get(before.size() - 1));

        StoreException e = assertThrows(StoreException.class, () -> layout.rollBack("v000003", "v000001"));
        assertTrue(e.getMessage().contains("CURRENT names v000002, not v000003"), e.getMessage());
        assertEquals(Optional.of("v000002"), layout.current(), "nothing changed");
        assertEquals(before, Files.readAllLines(layout.historyFile()), "nothing recorded");
        assertThrows(StoreException.class, () -> layout.rollBack("v000002", "v000009"), "no such version");
        assertEquals(before, Files.readAllLines(layout.historyFile()));
    }

    /** A crash after HISTORY's intent was appended, before CURRENT was replaced: the intent is ignored. */
    @Test
    void aPromoteThatCrashedBeforeCurrentIsIgnoredByRollbackPruneAndTheNextPromote() throws IOException {
        StoreLayout layout = publishAndPromote("v000001", "v000002");
        TestVersions.publish(layout, "v000003", 3, 1, 10);
        Files.writeString(layout.historyFile(), "promote v000003\n", StandardOpenOption.APPEND); // then the crash
        assertEquals(Optional.of("v000002"), layout.current());
        assertEquals(Optional.of("v000001"), Housekeeping.previous(layout, "v000002"));

        Housekeeping.Prune p = Housekeeping.prune(layout, 1);
        assertEquals(List.of(), p.deleted(), "v000001, the rollback target, stays");

        TestVersions.publish(layout, "v000004", 3, 1, 10);
        layout.promote("v000004");
        assertEquals(List.of("promote v000001", "promote v000002", "promote v000003", "rollback v000002",
                "promote v000004"), Files.readAllLines(layout.historyFile()), "the repair line, then the promote");
        assertEquals(new Housekeeping.Rollback("v000004", "v000002"), Housekeeping.rollback(layout));
        assertEquals(new Housekeeping.Rollback("v000002", "v000001"), Housekeeping.rollback(layout));
    }

    /** The same crash in a rollback: CURRENT still names the version it was to leave. */
    @Test
    void aRollbackThatCrashedBeforeCurrentIsIgnored() throws IOException {
        StoreLayout layout = publishAndPromote("v000002", "v000001", "v000003");
        Files.writeString(layout.historyFile(), "rollback v000001\n", StandardOpenOption.APPEND); // then the crash
        assertEquals(Optional.of("v000003"), layout.current());
        assertEquals(Optional.of("v000001"), Housekeeping.previous(layout, "v000003"),
                "the stack is still [v000002, v000001, v000003], not id order");
        assertEquals(new Housekeeping.Rollback("v000003", "v000001"), Housekeeping.rollback(layout));
        assertEquals(new Housekeeping.Rollback("v000001", "v000002"), Housekeeping.rollback(layout));
        assertEquals(List.of("promote v000002", "promote v000001", "promote v000003", "rollback v000001",
                "promote v000003", "rollback v000001", "rollback v000002"), Files.readAllLines(layout.historyFile()));
    }

    /** CURRENT replaced by hand (docs/deploy.md's second way), HISTORY not told: taken as a rollback. */
    @Test
    void currentPointedBackByHandIsTakenAsARollback() throws IOException {
        StoreLayout layout = publishAndPromote("v000001", "v000002", "v000003", "v000004");
        Files.writeString(layout.currentFile(), "v000002\n");
        assertEquals(Optional.of("v000001"), Housekeeping.previous(layout, "v000002"));
        TestVersions.publish(layout, "v000005", 3, 1, 10);
        layout.promote("v000005");
        assertEquals(new Housekeeping.Rollback("v000005", "v000002"), Housekeeping.rollback(layout));
        assertEquals(new Housekeeping.Rollback("v000002", "v000001"), Housekeeping.rollback(layout));
    }

    @Test
    void rollbackSkipsAVersionThatIsNoLongerComplete() throws IOException {
        StoreLayout layout = publishAndPromote("v000001", "v000002", "v000003");
        Files.delete(layout.versionDir("v000002").resolve(Manifest.FILE_NAME));
        assertEquals("v000001", Housekeeping.rollback(layout).to());
    }

    @Test
    void withoutHistoryRollbackFallsBackToVersionIdOrder() throws IOException {
        StoreLayout layout = publishAndPromote("v000001", "v000002", "v000004");
        Files.delete(layout.historyFile());
        assertEquals("v000002", Housekeeping.rollback(layout).to());
    }

    @Test
    void rollbackWithoutCurrentIsAClearError() {
        StoreException e = assertThrows(StoreException.class, () -> Housekeeping.rollback(new StoreLayout(root)));
        assertTrue(e.getMessage().startsWith("nothing to roll back"), e.getMessage());
    }

    @Test
    void pruneKeepsTheNewestTheLiveTheRollbackTargetAndAnythingIncomplete() throws IOException {
        StoreLayout layout = publishAndPromote("v000001", "v000002", "v000003", "v000004", "v000005");
        Housekeeping.rollback(layout); // live v000004, rollback target v000003
        Housekeeping.rollback(layout); // live v000003, rollback target v000002
        Files.createDirectories(layout.versionDir("v000006").resolve("db")); // being written now
        Housekeeping.Prune p = Housekeeping.prune(layout, 1);
        assertEquals(List.of("v000001"), p.deleted());
        assertEquals(List.of("v000002", "v000003", "v000004", "v000005"), p.kept(),
                "target, live, and the two newer than live (perhaps about to be promoted)");
        assertEquals(List.of("v000006"), p.skippedIncomplete());
        assertFalse(Files.exists(layout.versionDir("v000001")));
        assertTrue(Files.isDirectory(layout.versionDir("v000006")));
        try (StoreReader r = StoreReader.open(layout, "v000003")) {
            assertEquals(TestVersions.moviesOf(1), Values.decode(r.get(1)));
        }
    }

    @Test
    void pruneKeepsTheNewestN() {
        StoreLayout layout = publishAndPromote("v000001", "v000002", "v000003", "v000004", "v000005");
        Housekeeping.Prune p = Housekeeping.prune(layout, 3);
        assertEquals(List.of("v000001", "v000002"), p.deleted());
        assertEquals(List.of("v000003", "v000004", "v000005"), layout.versions());
        assertEquals(List.of(), Housekeeping.prune(layout, 3).deleted(), "prune is idempotent");
        assertThrows(IllegalArgumentException.class, () -> Housekeeping.prune(layout, 0));
    }

    @Test
    void readerExposesRocksDbFiguresAndSize() {
        StoreLayout layout = publishAndPromote("v000001");
        try (StoreReader r = StoreReader.open(layout, "v000001")) {
            assertTrue(r.longProperty("rocksdb.estimate-num-keys") >= 3);
            assertTrue(r.sizeOnDisk() > 0);
            assertThrows(StoreException.class, () -> r.longProperty("rocksdb.no-such-property"));
        }
    }

    @Test
    void anAbandonedVersionIsRemovedButOneStillBeingWrittenIsNot() throws IOException {
        StoreLayout layout = new StoreLayout(root);
        TestVersions.publish(layout, "v000001", 5, 1, 1000);
        layout.promote("v000001");
        // v000002: killed while writing, long ago; v000003: a writer at work right now.
        Path abandoned = layout.versionDir("v000002").resolve("db");
        Files.createDirectories(abandoned);
        Files.writeString(abandoned.resolve("000001.sst"), "half a file");
        Path active = layout.versionDir("v000003").resolve("db");
        Files.createDirectories(active);
        Files.writeString(active.resolve("000001.sst"), "being written");
        java.time.Instant now = java.time.Instant.now();
        java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofHours(7)));
        for (Path p : List.of(abandoned.resolve("000001.sst"), abandoned, layout.versionDir("v000002"))) {
            Files.setLastModifiedTime(p, longAgo);
        }
        // The complete, live version is as old: age never removes a version with a manifest.
        try (var files = Files.walk(layout.versionDir("v000001"))) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, longAgo);
            }
        }

        assertEquals(List.of("v000002"), Housekeeping.removeAbandoned(layout, java.time.Duration.ofHours(6), now));
        assertEquals(List.of("v000001", "v000003"), layout.versions());
        assertTrue(Files.exists(active.resolve("000001.sst")), "the folder a writer is at work in stays");
        assertEquals(List.of(), Housekeeping.removeAbandoned(layout, java.time.Duration.ofHours(6), now));
        assertEquals(Optional.of("v000001"), layout.current());
    }
}
