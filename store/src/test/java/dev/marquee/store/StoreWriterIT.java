package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreWriterIT {

    private static final List<String> MOVIES = List.of("a+2000");

    @TempDir
    Path root;

    @Test
    void rejectsNonIncreasingAndNegativeIds() {
        StoreLayout layout = new StoreLayout(root);
        try (StoreWriter writer = StoreWriter.create(layout, "v000001")) {
            assertThrows(IllegalArgumentException.class, () -> writer.put(-1, MOVIES));
            writer.put(5, MOVIES);
            assertThrows(IllegalArgumentException.class, () -> writer.put(5, MOVIES));
            assertThrows(IllegalArgumentException.class, () -> writer.put(4, MOVIES));
            assertDoesNotThrow(() -> writer.put(6, MOVIES));
            writer.coldStart(MOVIES);
            assertEquals(2, writer.publish(Map.of()).userCount());
        }
    }

    @Test
    void closingWithoutPublishDeletesTheHalfWrittenVersion() {
        StoreLayout layout = new StoreLayout(root);
        try (StoreWriter writer = StoreWriter.create(layout, "v000001")) {
            writer.put(1, MOVIES);
            assertTrue(Files.isDirectory(layout.versionDir("v000001")));
        }
        assertFalse(Files.exists(layout.versionDir("v000001")));
    }

    @Test
    void publishNeedsAColdStartListAndRunsOnce() {
        StoreLayout layout = new StoreLayout(root);
        try (StoreWriter writer = StoreWriter.create(layout, "v000001")) {
            writer.put(1, MOVIES);
            assertThrows(IllegalStateException.class, () -> writer.publish(Map.of()));
            writer.coldStart(MOVIES);
            assertThrows(IllegalStateException.class, () -> writer.coldStart(MOVIES));
            writer.publish(Map.of());
            assertThrows(IllegalStateException.class, () -> writer.publish(Map.of()));
            assertThrows(IllegalStateException.class, () -> writer.put(2, MOVIES));
        }
        assertTrue(Files.isRegularFile(layout.versionDir("v000001").resolve(Manifest.FILE_NAME)));
    }

    @Test
    void refusesToOverwriteAPublishedVersionButReplacesAnAbandonedOne() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        TestVersions.publish(layout, "v000001", 10, 1, 100);
        assertThrows(StoreException.class, () -> StoreWriter.create(layout, "v000001"));

        Files.createDirectories(layout.versionDir("v000002").resolve("db"));
        Files.writeString(layout.versionDir("v000002").resolve("db").resolve("junk"), "left by a crash");
        TestVersions.publish(layout, "v000002", 10, 1, 100);
        assertFalse(Files.exists(layout.versionDir("v000002").resolve("db").resolve("junk")));
        try (StoreReader reader = StoreReader.open(layout, "v000002")) {
            assertEquals(10, reader.manifest().userCount());
        }
    }

    @Test
    void rejectsMovieIdsThatWouldCorruptTheBody() {
        StoreLayout layout = new StoreLayout(root);
        try (StoreWriter writer = StoreWriter.create(layout, "v000001")) {
            assertThrows(IllegalArgumentException.class, () -> writer.put(1, List.of("a,b")));
            assertThrows(IllegalArgumentException.class, () -> writer.coldStart(List.of("a b")));
        }
    }
}
