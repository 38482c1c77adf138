package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Files.createDirectories(layout.versionDir("v000006").resolve("sst-tmp")); // being written now
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
}
