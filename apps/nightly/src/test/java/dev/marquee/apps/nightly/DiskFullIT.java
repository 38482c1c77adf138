package dev.marquee.apps.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marquee.store.Housekeeping;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The disk filling up while a version is written, for real: the writer runs in a child JVM whose
 * files may not grow past 256 KB ({@code ulimit -f}). The write fails, the serving version stays
 * CURRENT and opens, the failed folder never gets a manifest, and the abandoned-folder rule removes it.
 */
class DiskFullIT {

    @TempDir
    Path root;

    @Test
    void aWriteThatRunsOutOfSpaceFailsAndTheServingVersionStays() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        assertEquals(0, new CommandLine(new NightlyMain()).execute("sample-store", "--store", root.toString(), "--users", "10"));
        assertEquals(Optional.of("v000001"), layout.current());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // RocksDB's native library (megabytes) would be extracted under the same limit: put it in place beforehand.
        Path natives = Files.createDirectories(root.resolve("natives"));
        String lib = "librocksdbjni-linux64.so";
        try (InputStream in = org.rocksdb.RocksDB.class.getResourceAsStream("/" + lib)) {
            assumeTrue(in != null, "no " + lib + " in rocksdbjni for this platform");
            Files.copy(in, natives.resolve(lib));
        }
        String command = "ulimit -f 256 && exec '" + java + "' -Djava.library.path='" + natives + "' -cp '"
                + System.getProperty("java.class.path") + "' "
                + NightlyMain.class.getName() + " sample-store --store '" + root + "' --users 300000";
        Process child = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        byte[] out = child.getInputStream().readAllBytes();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the writer ends");
        String log = new String(out, StandardCharsets.UTF_8);
        assertNotEquals(0, child.exitValue(), "the write fails: " + log);
        assertTrue(log.contains("File too large") || log.contains("IO error"), "it fails for want of space: " + log);
        assertFalse(log.contains("sample-store: published"), log);

        assertEquals(Optional.of("v000001"), layout.current(), "the serving version stays");
        try (StoreReader reader = StoreReader.open(layout, "v000001")) {
            assertEquals(10, reader.manifest().userCount());
        }
        // The writer deletes its own unpublished folder when it can; if it could not, the abandoned-folder rule does.
        assertFalse(Files.exists(layout.versionDir("v000002").resolve(Manifest.FILE_NAME)), "no manifest: never complete");
        Housekeeping.removeAbandoned(layout, Duration.ZERO, Instant.now().plusSeconds(1));
        assertEquals(List.of("v000001"), layout.versions());
    }
}
