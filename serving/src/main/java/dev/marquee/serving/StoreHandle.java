package dev.marquee.serving;

import dev.marquee.store.StoreReader;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference-counted open version. The manager holds one reference while the version is
 * current; each request holds one while it reads. The reader closes when the count reaches 0,
 * after which the handle can never be acquired again.
 */
final class StoreHandle {

    private final StoreReader reader;
    private final AtomicInteger refs = new AtomicInteger(1);

    StoreHandle(StoreReader reader) {
        this.reader = reader;
    }

    StoreReader reader() {
        return reader;
    }

    /** Takes a reference unless the handle is already drained and closed. */
    boolean tryAcquire() {
        while (true) {
            int n = refs.get();
            if (n == 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the reader. */
    void release() {
        int n = refs.decrementAndGet();
        if (n == 0) {
            reader.close();
        } else if (n < 0) {
            throw new IllegalStateException("store handle of " + reader.versionId() + " released too often");
        }
    }
}
