package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writers' lock on {@code <root>/LOCK}: between threads of one JVM and between processes. */
class StoreLockIT {

    private static final List<String> VERSIONS = List.of("v000001", "v000002", "v000003", "v000004");

    @TempDir
    Path root;

    private StoreLayout publishAll() {
        StoreLayout layout = new StoreLayout(root);
        for (String id : VERSIONS) {
            TestVersions.publish(layout, id, 3, 1, 10);
        }
        return layout;
    }

    /** HISTORY's replayed stack ends with what CURRENT names, with no repair needed. */
    private static void assertAgrees(StoreLayout layout) throws IOException {
        Optional<String> current = layout.current();
        List<String> lines = StoreHistory.lines(layout);
        List<String> stack = StoreHistory.replay(lines);
        assertEquals(current.orElseThrow(), stack.get(stack.size() - 1), "HISTORY " + lines);
        assertEquals(Optional.empty(), StoreHistory.repair(lines, current));
    }

    @Test
    void concurrentPromotesAndRollbacksNeverLeaveHistoryDisagreeingWithCurrent() throws Exception {
        StoreLayout layout = publishAll();
        layout.promote("v000001");
        layout.promote("v000002");
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Random random = new Random(t);
            threads.add(new Thread(() -> {
                for (int i = 0; i < 60 && failures.isEmpty(); i++) {
                    layout.promote(VERSIONS.get(random.nextInt(VERSIONS.size())));
                }
            }));
            threads.add(new Thread(() -> {
                for (int i = 0; i < 60 && failures.isEmpty(); i++) {
                    try {
                        Housekeeping.rollback(layout);
                    } catch (StoreException e) {
                        String m = e.getMessage();
                        if (!m.contains("nothing to roll back") && !m.contains("changed by someone else")) {
                            throw e;
                        }
                    }
                }
            }));
        }
        Thread checker = new Thread(() -> {
            while (!stop.get()) {
                try (StoreLock lock = StoreLock.acquire(layout)) {
                    assertAgrees(layout); // between two changes, never in the middle of one
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        });
        for (Thread t : threads) {
            t.setUncaughtExceptionHandler((th, e) -> failures.add(e));
        }
        checker.setUncaughtExceptionHandler((th, e) -> failures.add(e));
        checker.start();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(2));
        }
        stop.set(true);
        checker.join(TimeUnit.MINUTES.toMillis(1));
        assertEquals(List.of(), failures);
        assertAgrees(layout);
        assertTrue(StoreHistory.lines(layout).size() > 100, "the writers did interleave: " + StoreHistory.lines(layout).size());
    }

    @Test
    void aWriterWaitsForTheLockAndGivesUpWithAClearError() throws Exception {
        StoreLayout layout = publishAll();
        layout.promote("v000001");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (StoreLock lock = StoreLock.acquire(layout)) {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        held.await();

        StoreException e = assertThrows(StoreException.class, () -> StoreLock.acquire(layout, Duration.ofMillis(200)));
        assertTrue(e.getMessage().startsWith("store is busy: " + layout.lockFile()), e.getMessage());
        assertTrue(e.getMessage().contains("another thread of this process"), e.getMessage());

        long start = System.nanoTime();
        new Thread(() -> {
            sleep(300);
            release.countDown();
        }).start();
        layout.promote("v000002"); // blocks until the holder lets go
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250), "waited for the holder");
        assertEquals(Optional.of("v000002"), layout.current());
        holder.join();
        try (StoreLock lock = StoreLock.acquire(layout)) {
            try (StoreLock again = StoreLock.acquire(layout, Duration.ZERO)) {
                assertTrue(again.heldByCurrentThread(), "reentrant for its holder");
            }
            assertTrue(lock.heldByCurrentThread());
        }
    }

    @Test
    void anotherProcessHoldingTheLockKeepsWritersOutUntilItDies() throws Exception {
        StoreLayout layout = publishAll();
        layout.promote("v000001");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), root.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());

            StoreException e = assertThrows(StoreException.class,
                    () -> StoreLock.acquire(layout, Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("another process"), e.getMessage());
            assertEquals(Optional.of("v000001"), layout.current());

            child.destroyForcibly(); // a writer that dies holding the lock: the OS lets it go
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            layout.promote("v000002");
            assertEquals(Optional.of("v000002"), layout.current());
        } finally {
            child.destroyForcibly();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
