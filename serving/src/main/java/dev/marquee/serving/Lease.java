package dev.marquee.serving;

import dev.marquee.store.StoreReader;

/**
 * A request's hold on the open store version: the reader stays open until the lease is closed,
 * even if a newer version is swapped in meanwhile. Use with try-with-resources; not thread-safe.
 */
public final class Lease implements AutoCloseable {

    private final StoreHandle handle;
    private boolean released;

    Lease(StoreHandle handle) {
        this.handle = handle;
    }

    /** The reader, valid until {@link #close}. */
    public StoreReader reader() {
        return handle.reader();
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            handle.release();
        }
    }
}
