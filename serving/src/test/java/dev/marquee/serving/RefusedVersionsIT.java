package dev.marquee.serving;

import static dev.marquee.serving.TestServer.assertResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreWriter;
import dev.marquee.testkit.StoreFixture;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CURRENT pointed (behind the store's back) at a half-written version and at a corrupt one: the
 * running service refuses both and keeps answering from the version it has open, then takes the
 * next good version.
 */
class RefusedVersionsIT {

    @TempDir
    Path root;

    private StoreLayout layout;
    private TestServer server;

    @BeforeEach
    void start() {
        layout = new StoreLayout(root);
        StoreFixture.publishAndPromote(layout, "v000001", 50);
        server = TestServer.start(layout, Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aHalfWrittenVersionIsNeverServed() throws Exception {
        // A writer that died before publish: its SST files are there, its manifest is not.
        try (StoreWriter w = StoreWriter.create(layout, "v000002")) {
            for (long id = 1; id < 100; id += 2) {
                w.put(id, List.of("half+" + id));
            }
            w.coldStart(List.of("half-popular"));
            pointCurrentAt("v000002");
            assertStillServingFirst();
        }
        copyWithoutManifest("v000001", "v000003");
        pointCurrentAt("v000003");
        assertStillServingFirst();
        assertNextGoodVersionIsTaken("v000004");
    }

    @Test
    void aVersionFailingItsChecksumsIsNeverServed() throws Exception {
        StoreFixture.publish(layout, "v000002", 50);
        flipOneByte(largestDataFile("v000002"));
        pointCurrentAt("v000002");
        assertStillServingFirst();

        StoreFixture.publish(layout, "v000003", 50);
        Path file = largestDataFile("v000003");
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) / 2));
        pointCurrentAt("v000003");
        assertStillServingFirst();
        assertNextGoodVersionIsTaken("v000004");
    }

    private void pointCurrentAt(String versionId) throws IOException, InterruptedException {
        Files.writeString(layout.currentFile(), versionId + "\n");
        server.versions().checkNow();
        Thread.sleep(150); // several poll intervals: a refused version must not sneak in later
    }

    private void assertStillServingFirst() throws Exception {
        assertEquals(Optional.of("v000001"), server.versions().openVersion());
        assertResponse(server.get("/readyz"), 200, "ready v000001");
        assertResponse(server.get("/recommend/7"), 200, String.join(",", StoreFixture.moviesOf("v000001", 7)));
        assertResponse(server.get("/recommend/8"), 200, String.join(",", StoreFixture.COLD_START));
    }

    private void assertNextGoodVersionIsTaken(String versionId) throws Exception {
        StoreFixture.publishAndPromote(layout, versionId, 50);
        server.awaitVersion(versionId);
        assertResponse(server.get("/recommend/7"), 200, String.join(",", StoreFixture.moviesOf(versionId, 7)));
    }

    private void copyWithoutManifest(String from, String to) throws IOException {
        Path source = layout.versionDir(from);
        Path target = layout.versionDir(to);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!p.equals(source.resolve(Manifest.FILE_NAME))) {
                    Files.copy(p, dest);
                }
            }
        }
        assertTrue(Files.notExists(target.resolve(Manifest.FILE_NAME)), "the copy has no manifest");
    }

    private Path largestDataFile(String versionId) throws IOException {
        try (Stream<Path> files = Files.walk(layout.versionDir(versionId))) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".sst"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
    }

    private static void flipOneByte(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = f.length() / 3;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xFF);
        }
    }
}
