package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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

    @Test
    void anAddedFileIsListedInTheManifestAndCoveredByVerification() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        byte[] html = "<html><body>NDCG@20 0.31</body></html>".getBytes(StandardCharsets.UTF_8);
        Manifest manifest;
        try (StoreWriter writer = StoreWriter.create(layout, "v000001")) {
            writer.put(1, MOVIES);
            writer.coldStart(MOVIES);
            writer.addFile("evaluation.html", html);
            manifest = writer.publish(Map.of());
        }
        Path dir = layout.versionDir("v000001");
        FileEntry entry = manifest.files().stream().filter(f -> f.path().equals("evaluation.html")).findFirst()
                .orElseThrow(() -> new AssertionError("not in the manifest: " + manifest.files()));
        assertEquals(html.length, entry.size());
        assertEquals(DbFiles.sha256(dir.resolve("evaluation.html")), entry.sha256());
        assertEquals(manifest, Manifest.read(dir.resolve(Manifest.FILE_NAME)));
        assertEquals(manifest, ManifestVerifier.verify(dir, true));
        try (StoreReader reader = StoreReader.open(layout, "v000001")) {
            assertEquals(manifest.files().stream().filter(f -> f.path().startsWith("db/")).mapToLong(FileEntry::size)
                    .sum(), reader.sizeOnDisk(), "the store's size is its database's");
        }

        // Altered after publishing (same size): the version no longer verifies, nor can it be promoted.
        byte[] altered = html.clone();
        altered[altered.length / 2] ^= 0x20;
        Files.write(dir.resolve("evaluation.html"), altered);
        StoreException e = assertThrows(StoreException.class, () -> ManifestVerifier.verify(dir, true));
        assertTrue(e.getMessage().contains("evaluation.html") && e.getMessage().contains("SHA-256"), e.getMessage());
        assertThrows(StoreException.class, () -> layout.promote("v000001"));
        Files.delete(dir.resolve("evaluation.html"));
        assertTrue(assertThrows(StoreException.class, () -> ManifestVerifier.verify(dir, false)).getMessage()
                .contains("missing file evaluation.html"));
    }

    @Test
    void addedFilesAreOnePlainNameEachAndOnlyBeforePublishing() {
        StoreLayout layout = new StoreLayout(root);
        byte[] text = {'x'};
        try (StoreWriter writer = StoreWriter.create(layout, "v000001")) {
            for (String bad : new String[] {Manifest.FILE_NAME, "db", "../escape.html", "a/b.html", ".hidden",
                    "", null}) {
                assertThrows(IllegalArgumentException.class, () -> writer.addFile(bad, text), String.valueOf(bad));
            }
            writer.addFile("notes.txt", text);
            assertThrows(IllegalArgumentException.class, () -> writer.addFile("notes.txt", text));
            writer.put(1, MOVIES);
            writer.coldStart(MOVIES);
            assertEquals(List.of("db/", "notes.txt"), writer.publish(Map.of()).files().stream()
                    .map(f -> f.path().startsWith("db/") ? "db/" : f.path()).distinct().toList());
            assertThrows(IllegalStateException.class, () -> writer.addFile("late.html", text));
        }
        assertFalse(Files.exists(root.resolve("late.html")));
        assertFalse(Files.exists(layout.versionDir("v000001").resolve("late.html")));
    }
}
