package dev.marquee.serving;

import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store version named by CURRENT open. A daemon thread polls CURRENT; a new version is
 * verified and opened beside the old one, swapped in atomically, and the old reader is closed
 * once the last request holding it lets go. A version that fails to open is logged once and not
 * retried until CURRENT is written again; the open version keeps serving meanwhile.
 */
public final class VersionManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VersionManager.class);

    private final StoreLayout layout;
    private final Duration pollInterval;
    private final AtomicReference<StoreHandle> current = new AtomicReference<>();
    private final ScheduledExecutorService poller;
    private final CopyOnWriteArrayList<VersionListener> listeners = new CopyOnWriteArrayList<>();
    /** "versionId@CURRENT's mtime" of the last refused version: retried only once CURRENT is rewritten. */
    private String refused;
    private boolean closed;

    public VersionManager(StoreLayout layout, Duration pollInterval) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-version-poller");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Registers a listener told about every later swap and refused version (on the poller thread).
     * Add listeners before {@link #start} to also hear about the first version.
     */
    public void addListener(VersionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Polls once now (so a published version is open before the server starts), then every poll interval. */
    public void start() {
        checkNow();
        long millis = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::checkNow, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Reads CURRENT once and, if it names a version other than the open one (and not the last
     * refused one, unless CURRENT was rewritten since), opens and swaps to it. Never throws: failures are logged.
     */
    public synchronized void checkNow() {
        if (closed) {
            return;
        }
        Optional<String> wanted;
        String stamp;
        try {
            wanted = layout.current();
            stamp = wanted.isEmpty() ? null : wanted.get() + "@" + Files.getLastModifiedTime(layout.currentFile());
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {}: {}", layout.currentFile(), e.toString());
            return;
        }
        if (wanted.isEmpty() || wanted.equals(openVersion()) || stamp.equals(refused)) {
            return;
        }
        swapTo(wanted.get(), stamp);
    }

    private void swapTo(String versionId, String stamp) {
        StoreReader reader;
        try {
            reader = StoreReader.open(layout, versionId);
        } catch (RuntimeException e) {
            refused = stamp;
            LOG.warn("refusing store version {} named by CURRENT, still serving {}: {}", versionId,
                    openVersion().orElse("nothing"), e.getMessage());
            for (VersionListener l : listeners) {
                try {
                    l.onRefused(versionId, String.valueOf(e.getMessage()));
                } catch (RuntimeException le) {
                    LOG.warn("version listener {} failed on refused {}", l, versionId, le);
                }
            }
            return;
        }
        refused = null;
        StoreHandle old = current.getAndSet(new StoreHandle(reader));
        LOG.info("now serving store version {} ({} users), was {}", versionId, reader.manifest().userCount(),
                old == null ? "nothing" : old.reader().versionId());
        if (old != null) {
            old.release();
        }
        for (VersionListener l : listeners) {
            try {
                l.onSwap(versionId);
            } catch (RuntimeException le) {
                LOG.warn("version listener {} failed on swap to {}", l, versionId, le);
            }
        }
    }

    /**
     * Holds the open version for one request, or returns null before any version is open. Close
     * the lease when done (try-with-resources accepts null).
     */
    public Lease acquire() {
        while (true) {
            StoreHandle h = current.get();
            if (h == null) {
                return null;
            }
            if (h.tryAcquire()) {
                return new Lease(h);
            }
            // h was swapped out and drained between get() and tryAcquire(): read current again.
        }
    }

    /** The id of the version being served, if any. */
    public Optional<String> openVersion() {
        StoreHandle h = current.get();
        return h == null ? Optional.empty() : Optional.of(h.reader().versionId());
    }

    /** Stops polling and releases the open version (it closes when in-flight requests finish). */
    @Override
    public void close() {
        poller.shutdown();
        try {
            if (!poller.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("store version poller did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            StoreHandle h = current.getAndSet(null);
            if (h != null) {
                h.release();
            }
        }
    }
}
