package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import dev.marquee.store.Values;
import dev.marquee.testkit.StoreFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionManagerIT {

    @TempDir
    Path root;

    private StoreLayout layout;
    private VersionManager manager;

    @BeforeEach
    void setUp() {
        layout = new StoreLayout(root);
        manager = new VersionManager(layout, Duration.ofMillis(50));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void nothingToAcquireBeforeAVersionIsPromoted() {
        manager.checkNow();
        assertNull(manager.acquire());
        assertEquals(Optional.empty(), manager.openVersion());
        StoreFixture.publish(layout, "v000001", 10);
        manager.checkNow();
        assertNull(manager.acquire(), "published but not promoted");
    }

    @Test
    void oldReaderStaysOpenUntilItsLastLeaseIsReleased() {
        StoreFixture.publishAndPromote(layout, "v000001", 10);
        manager.checkNow();
        Lease inFlight = manager.acquire();
        StoreReader first = inFlight.reader();
        assertEquals("v000001", first.versionId());

        StoreFixture.publishAndPromote(layout, "v000002", 10);
        manager.checkNow();
        assertEquals(Optional.of("v000002"), manager.openVersion());
        try (Lease fresh = manager.acquire()) {
            assertEquals("v000002", fresh.reader().versionId());
        }
        // The request that started on v000001 still reads it.
        assertFalse(first.isClosed());
        assertArrayEquals(Values.encode(StoreFixture.moviesOf("v000001", 3)), first.get(3));
        inFlight.close();
        assertTrue(first.isClosed());
        inFlight.close(); // idempotent: must not over-release v000001
        try (Lease again = manager.acquire()) {
            assertFalse(again.reader().isClosed());
        }
    }

    @Test
    void refusedVersionKeepsTheOldOneAndIsRetriedOnlyWhenCurrentIsRewritten() throws IOException {
        StoreFixture.publishAndPromote(layout, "v000001", 10);
        manager.checkNow();

        Files.createDirectories(layout.versionDir("v000002").resolve("db"));
        Files.writeString(layout.currentFile(), "v000002\n");
        manager.checkNow();
        assertEquals(Optional.of("v000001"), manager.openVersion());

        // Completed in place without touching CURRENT: not retried.
        StoreFixture.publish(layout, "v000002", 10);
        manager.checkNow();
        assertEquals(Optional.of("v000001"), manager.openVersion());

        // Promoting it rewrites CURRENT: retried and opened.
        layout.promote("v000002");
        manager.checkNow();
        assertEquals(Optional.of("v000002"), manager.openVersion());
    }

    @Test
    void pollerPicksUpAPromotionByItself() throws InterruptedException {
        manager.start();
        StoreFixture.publishAndPromote(layout, "v000001", 10);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (manager.openVersion().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Optional.of("v000001"), manager.openVersion());
    }

    @Test
    void concurrentReadersNeverSeeAClosedVersionWhileVersionsSwap() throws Exception {
        int versionsToSwap = 6;
        for (int v = 1; v <= versionsToSwap; v++) {
            StoreFixture.publish(layout, String.format("v%06d", v), 50);
        }
        layout.promote("v000001");
        manager.checkNow();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    while (!done.get()) {
                        try (Lease lease = manager.acquire()) {
                            String v = lease.reader().versionId();
                            assertArrayEquals(Values.encode(StoreFixture.moviesOf(v, 7)), lease.reader().get(7));
                            reads.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (int v = 2; v <= versionsToSwap; v++) {
                Thread.sleep(30);
                layout.promote(String.format("v%06d", v));
                manager.checkNow();
            }
            Thread.sleep(30);
            done.set(true);
            for (Future<?> w : workers) {
                w.get(10, TimeUnit.SECONDS); // rethrows any assertion or use-after-close failure
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        assertEquals(Optional.of(String.format("v%06d", versionsToSwap)), manager.openVersion());
        assertTrue(reads.get() > 0);
    }

    @Test
    void closeReleasesTheOpenVersion() {
        StoreFixture.publishAndPromote(layout, "v000001", 10);
        manager.checkNow();
        StoreReader reader;
        try (Lease lease = manager.acquire()) {
            assertNotNull(lease);
            reader = lease.reader();
        }
        manager.close();
        assertTrue(reader.isClosed());
        assertNull(manager.acquire());
    }
}
