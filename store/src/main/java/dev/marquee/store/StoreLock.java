package dev.marquee.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's writer lock: {@code <root>/LOCK}, held by whoever changes CURRENT and HISTORY (a promote, a rollback,
 * prune's choice of what to delete), for those few writes only. Two layers, because an OS file lock
 * ({@link FileChannel#tryLock()}) is held by the whole JVM: threads of one JVM first serialize on a
 * {@link ReentrantLock} kept per real path of the root, then the holder takes the exclusive file lock, which
 * serializes processes (the nightly job, {@code marquee rollback} from a shell, another pod on the same volume).
 * The LOCK file itself is never deleted and holds nothing; the OS releases its lock when the process dies, so a
 * crashed writer never leaves the store locked.
 *
 * <p>Waiting is bounded ({@link #DEFAULT_WAIT}); past it the writer gets a {@link StoreException} saying so and
 * changes nothing. The lock is reentrant for the thread that holds it.
 */
final class StoreLock implements AutoCloseable {

    static final String FILE_NAME = "LOCK";
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock inJvm;
    private final FileChannel channel;
    private final FileLock fileLock;

    private StoreLock(ReentrantLock inJvm, FileChannel channel, FileLock fileLock) {
        this.inJvm = inJvm;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** {@link #acquire(StoreLayout, Duration)} with {@link #DEFAULT_WAIT}. */
    static StoreLock acquire(StoreLayout layout) {
        return acquire(layout, DEFAULT_WAIT);
    }

    /**
     * Takes the store's lock, waiting at most {@code wait} for other threads and processes to release it.
     *
     * @throws StoreException if it is not free within {@code wait}, or the LOCK file cannot be opened
     */
    static StoreLock acquire(StoreLayout layout, Duration wait) {
        Path lockFile = layout.root().resolve(FILE_NAME);
        long deadline = System.nanoTime() + wait.toNanos();
        Path key;
        try {
            key = layout.root().toRealPath(); // the root must exist: the lock never creates a store
        } catch (IOException e) {
            throw new StoreException("cannot open the store's lock " + lockFile + ": " + e.getMessage(), e);
        }
        ReentrantLock inJvm = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            if (!inJvm.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(lockFile, wait, "another thread of this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store's lock " + lockFile, e);
        }
        if (inJvm.getHoldCount() > 1) {
            return new StoreLock(inJvm, null, null); // this thread already holds the file lock too
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // cannot happen behind the in-JVM lock unless someone else locks LOCK in this JVM
                }
                if (lock != null) {
                    return new StoreLock(inJvm, channel, lock);
                }
                if (System.nanoTime() >= deadline) {
                    throw busy(lockFile, wait, "another process");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly(channel);
            inJvm.unlock();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the store's lock " + lockFile, e);
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private static StoreException busy(Path lockFile, Duration wait, String holder) {
        return new StoreException("store is busy: " + lockFile + " still held by " + holder + " after waiting "
                + wait.toMillis() + " ms (a promote, rollback or prune in progress); nothing was changed");
    }

    /** Whether the calling thread holds this store's lock (for assertions). */
    boolean heldByCurrentThread() {
        return inJvm.isHeldByCurrentThread();
    }

    @Override
    public void close() {
        try {
            if (fileLock != null) {
                try {
                    fileLock.release();
                } catch (IOException e) {
                    // closing the channel below releases it as well
                }
                closeQuietly(channel);
            }
        } finally {
            inJvm.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
