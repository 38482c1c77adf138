package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract's proof: what batch writes, serving reads back byte for byte. */
class StoreRoundTripIT {

    private static final int USERS = 10_000;
    private static final long STRIDE = 3;

    @TempDir
    Path root;

    @Test
    void writePublishPromoteOpenAndReadEveryKeyBack() {
        StoreLayout layout = new StoreLayout(root);
        assertEquals("v000001", layout.nextVersionId());
        assertEquals(Optional.empty(), layout.current());

        // 3,000 keys per flush: the 10k users are written as four table files, compacted into one sorted run.
        Manifest published = TestVersions.publish(layout, layout.nextVersionId(), USERS, STRIDE, 3_000);
        assertEquals("v000001", published.versionId());
        assertEquals(USERS, published.userCount());
        assertEquals(TestVersions.COLD_START.size(), published.coldStartCount());
        assertEquals(Map.of("test", "v000001"), published.lineage());
        assertEquals(Manifest.FORMAT_VERSION, published.formatVersion());
        assertEquals(1, published.files().stream().filter(f -> f.path().endsWith(".sst")).count(),
                "one sorted run after the final compaction");
        assertTrue(published.files().stream().allMatch(f -> f.path().startsWith("db/")));
        assertFalse(published.files().stream().anyMatch(f -> f.path().endsWith(".log") && f.size() > 0),
                "no write-ahead log: the manifest is the commit");

        // Publishing does not promote.
        assertEquals(Optional.empty(), layout.current());
        layout.promote("v000001");
        assertEquals(Optional.of("v000001"), layout.current());
        assertEquals(List.of("v000001"), layout.versions());
        assertEquals("v000002", layout.nextVersionId());

        try (StoreReader reader = StoreReader.open(layout, layout.current().orElseThrow())) {
            assertEquals("v000001", reader.versionId());
            assertEquals(published, reader.manifest());
            for (long i = 0; i < USERS; i++) {
                long id = i * STRIDE;
                assertArrayEquals(Values.encode(TestVersions.moviesOf(id)), reader.get(id), () -> "user " + id);
            }
            assertNull(reader.get(1), "between two stored ids");
            assertNull(reader.get(USERS * STRIDE), "past the last id");
            assertNull(reader.get(Long.MAX_VALUE));
            assertEquals(TestVersions.COLD_START, Values.decode(reader.coldStart()));
        }
    }

    @Test
    void openingNeverWritesIntoTheVersion() throws IOException {
        StoreLayout layout = new StoreLayout(root);
        TestVersions.publish(layout, "v000001", 100, 1, 1_000);
        List<String> before = listing(layout.versionDir("v000001"));
        try (StoreReader reader = StoreReader.open(layout, "v000001")) {
            assertArrayEquals(Values.encode(TestVersions.moviesOf(5)), reader.get(5));
        }
        assertEquals(before, listing(layout.versionDir("v000001")));
        // Still verifies (no file it lists changed) and opens a second time.
        ManifestVerifier.verify(layout.versionDir("v000001"), true);
    }

    @Test
    void aVersionWithNoUsersServesItsColdStartList() {
        StoreLayout layout = new StoreLayout(root);
        try (StoreWriter writer = StoreWriter.create(layout, "v000001")) {
            writer.coldStart(List.of());
            assertEquals(0, writer.publish(Map.of()).userCount());
        }
        try (StoreReader reader = StoreReader.open(layout, "v000001")) {
            assertArrayEquals(new byte[] {0, 0, 0}, reader.coldStart(), "no text, no scores, body length 0, count 0");
            assertEquals(0, reader.textLength(reader.coldStart()));
            assertNull(reader.get(0));
        }
    }

    @Test
    void scoresRoundTripBesideTheTextBody() {
        StoreLayout layout = new StoreLayout(root);
        try (StoreWriter writer = StoreWriter.create(layout, "v000001")) {
            writer.coldStart(List.of("pop+1", "pop+2"), new float[] {8.25f, 7.5f});
            writer.put(7, List.of("a+1", "b+2"), new float[] {0.9f, 0.5f});
            writer.put(8, List.of("c+3"));
            assertEquals(4, writer.publish(Map.of()).formatVersion());
        }
        try (StoreReader reader = StoreReader.open(layout, "v000001")) {
            byte[] v = reader.get(7);
            assertEquals("a+1,b+2", new String(v, 0, reader.textLength(v), StandardCharsets.UTF_8));
            assertArrayEquals(new float[] {0.9f, 0.5f}, reader.scores(v));
            assertEquals(List.of("c+3"), reader.ids(reader.get(8)));
            assertEquals(0, reader.scores(reader.get(8)).length);
            assertArrayEquals(new float[] {8.25f, 7.5f}, reader.scores(reader.coldStart()));
        }
    }

    @Test
    void aVersionOfAnUnknownFormatIsRefusedClearly() {
        StoreLayout layout = new StoreLayout(root);
        Manifest m = TestVersions.publish(layout, "v000001", 3, 1, 10);
        Path file = layout.versionDir("v000001").resolve(Manifest.FILE_NAME);
        new Manifest(5, m.versionId(), m.createdAt(), m.userCount(), m.coldStartCount(), m.files(), m.lineage())
                .write(file);
        StoreException e = assertThrows(StoreException.class, () -> StoreReader.open(layout, "v000001"));
        assertTrue(e.getMessage().contains("format version 5, this code reads only 1 to 4"), e.getMessage());
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> dir.relativize(p) + ":" + sizeOf(p)).sorted().toList();
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : -1;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
