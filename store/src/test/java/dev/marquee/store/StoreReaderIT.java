package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader (and promote) refuse every kind of incomplete or damaged version. */
class StoreReaderIT {

    private static final String V = "v000001";

    @TempDir
    Path root;

    private StoreLayout layout;
    private Path versionDir;
    private Manifest manifest;

    @BeforeEach
    void publishOneVersion() {
        layout = new StoreLayout(root);
        manifest = TestVersions.publish(layout, V, 1_000, 1, 400);
        versionDir = layout.versionDir(V);
    }

    @Test
    void refusesAVersionWithoutManifest() throws IOException {
        Files.delete(versionDir.resolve(Manifest.FILE_NAME));
        assertRefused("incomplete");
        assertPromoteRefused();
    }

    @Test
    void refusesAnUnparseableManifest() throws IOException {
        Files.writeString(versionDir.resolve(Manifest.FILE_NAME), "{\"formatVersion\": 1, \"files\": [");
        assertRefused("cannot read manifest");
    }

    @Test
    void refusesAnotherFormatVersion() {
        int newer = Manifest.FORMAT_VERSION + 1;
        new Manifest(newer, V, manifest.createdAt(), manifest.userCount(), manifest.coldStartCount(), manifest.files(),
                manifest.lineage()).write(versionDir.resolve(Manifest.FILE_NAME));
        assertRefused("format version " + newer);
        assertPromoteRefused();
    }

    @Test
    void refusesAFlippedByte() throws IOException {
        Path sst = largestSst();
        try (RandomAccessFile f = new RandomAccessFile(sst.toFile(), "rw")) {
            long pos = f.length() / 2;
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0x01);
        }
        assertRefused("SHA-256");
        assertPromoteRefused();
    }

    @Test
    void refusesASizeMismatchEvenWithoutChecksums() throws IOException {
        Files.write(largestSst(), new byte[] {0}, StandardOpenOption.APPEND);
        StoreException e = assertThrows(StoreException.class,
                () -> StoreReader.open(layout, V, new ReaderOptions(false, 1 << 20)));
        assertTrue(e.getMessage().contains("size"), e.getMessage());
    }

    @Test
    void refusesAMissingFile() throws IOException {
        Files.delete(largestSst());
        assertRefused("missing");
    }

    @Test
    void refusesAManifestCopiedFromAnotherVersion() throws IOException {
        Files.move(versionDir, layout.versionDir("v000002"));
        StoreException e = assertThrows(StoreException.class, () -> StoreReader.open(layout, "v000002"));
        assertTrue(e.getMessage().contains("holds a manifest for v000001"), e.getMessage());
    }

    @Test
    void readerRefusesUseAfterClose() {
        StoreReader reader = StoreReader.open(layout, V);
        reader.close();
        reader.close();
        assertThrows(IllegalStateException.class, () -> reader.get(1));
    }

    private Path largestSst() {
        FileEntry largest = manifest.files().stream().filter(f -> f.path().endsWith(".sst"))
                .max((a, b) -> Long.compare(a.size(), b.size())).orElseThrow();
        return versionDir.resolve(largest.path());
    }

    private void assertRefused(String reason) {
        StoreException e = assertThrows(StoreException.class, () -> StoreReader.open(layout, V));
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
    }

    private void assertPromoteRefused() {
        assertThrows(StoreException.class, () -> layout.promote(V));
        assertEquals(Optional.empty(), layout.current());
    }
}
