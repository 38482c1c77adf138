package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    @Test
    void jsonRoundTrip() {
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, "v000007", "2026-01-02T03:04:05Z", 12, 3,
                List.of(new FileEntry("db/000001.sst", 42, "ab".repeat(32))),
                Map.of("runId", "r-1", "metrics", Map.of("ndcg", 0.25)));
        Path file = dir.resolve(Manifest.FILE_NAME);
        m.write(file);
        assertEquals(m, Manifest.read(file));
    }

    @Test
    void unparseableManifestIsAStoreException() throws IOException {
        Path file = dir.resolve(Manifest.FILE_NAME);
        Files.writeString(file, "{ not json");
        assertThrows(StoreException.class, () -> Manifest.read(file));
    }
}
