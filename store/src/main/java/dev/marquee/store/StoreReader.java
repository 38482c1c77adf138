package dev.marquee.store;

import java.nio.file.Path;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only access to one complete store version. Thread-safe for concurrent {@link #get}; the
 * caller must not call {@link #get} after or during {@link #close} (serving ref-counts readers).
 */
public final class StoreReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreReader.class);

    static {
        RocksDB.loadLibrary();
    }

    private final Manifest manifest;
    private final RocksSettings settings;
    private final RocksDB db;
    private final byte[] coldStart;
    private volatile boolean closed;

    private StoreReader(Manifest manifest, RocksSettings settings, RocksDB db, byte[] coldStart) {
        this.manifest = manifest;
        this.settings = settings;
        this.db = db;
        this.coldStart = coldStart;
    }

    /** Opens a version with full checksum verification; see {@link #open(StoreLayout, String, ReaderOptions)}. */
    public static StoreReader open(StoreLayout layout, String versionId) {
        return open(layout, versionId, ReaderOptions.DEFAULTS);
    }

    /**
     * Verifies a version against its manifest and opens its database read-only.
     *
     * @throws StoreException if the version is incomplete, of another format, fails verification,
     *     or its database cannot be opened
     */
    public static StoreReader open(StoreLayout layout, String versionId, ReaderOptions readerOptions) {
        long start = System.nanoTime();
        Path versionDir = layout.versionDir(versionId);
        Manifest manifest = ManifestVerifier.verify(versionDir, readerOptions.verifyChecksums());
        RocksSettings settings = RocksSettings.forReading(manifest.formatVersion(), readerOptions.blockCacheBytes());
        RocksDB db = null;
        try {
            db = RocksDB.openReadOnly(settings.options(), versionDir.resolve(DbFiles.DB_DIR).toString());
            byte[] coldStart = db.get(Keys.COLD_START_KEY);
            if (coldStart == null) {
                throw new StoreException("version " + versionId + " has no cold-start list");
            }
            LOG.info("opened store version {} ({} users, {} cold-start ids, checksums {}) in {} ms", versionId,
                    manifest.userCount(), manifest.coldStartCount(),
                    readerOptions.verifyChecksums() ? "verified" : "skipped", (System.nanoTime() - start) / 1_000_000);
            return new StoreReader(manifest, settings, db, coldStart);
        } catch (RocksDBException | RuntimeException e) {
            if (db != null) {
                db.close();
            }
            settings.close();
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open store version " + versionId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The stored value of a user, or null if the user is unknown. Its first {@link #textLength}
     * bytes are the text response body, ready to send; see {@link Values} for the rest.
     */
    public byte[] get(long userId) {
        if (closed) {
            throw new IllegalStateException("store version " + manifest.versionId() + " is closed");
        }
        try {
            return db.get(Keys.userKey(userId));
        } catch (RocksDBException e) {
            throw new StoreException("lookup of user " + userId + " in " + manifest.versionId() + " failed", e);
        }
    }

    /** Length of the text body at the start of a value read from this version. */
    public int textLength(byte[] value) {
        return Values.textLength(value, manifest.formatVersion());
    }

    /** The scores of a value read from this version, best first; empty if it has none. */
    public float[] scores(byte[] value) {
        return Values.scores(value, manifest.formatVersion());
    }

    /** The ids of a value read from this version, best first. */
    public List<String> ids(byte[] value) {
        return Values.decode(value, manifest.formatVersion());
    }

    /** The ids of a value read from this version, the answer's and then its spares (none before format 4). */
    public List<String> allIds(byte[] value) {
        return Values.decodeAll(value, manifest.formatVersion());
    }

    /** The scores of every id of a value read from this version (spares included), best first; empty if none. */
    public float[] allScores(byte[] value) {
        return Values.allScores(value, manifest.formatVersion());
    }

    /** The store format of this version's values ({@link Values}). */
    public int formatVersion() {
        return manifest.formatVersion();
    }

    /** The cold-start list's value; never null. Do not modify the array. */
    public byte[] coldStart() {
        return coldStart;
    }

    /**
     * A numeric RocksDB property of the open database, e.g. {@code rocksdb.estimate-num-keys},
     * {@code rocksdb.block-cache-usage}, {@code rocksdb.estimate-table-readers-mem}.
     *
     * @throws StoreException if the property is unknown or the reader is closed
     */
    public long longProperty(String name) {
        if (closed) {
            throw new IllegalStateException("store version " + manifest.versionId() + " is closed");
        }
        try {
            return db.getLongProperty(name);
        } catch (RocksDBException e) {
            throw new StoreException("cannot read property " + name + " of " + manifest.versionId(), e);
        }
    }

    /**
     * Bytes in the reader's block cache: {@code rocksdb.block-cache-usage} for formats 1-2; 0 for
     * format 3, whose PlainTable tables are read in place through mmap with no block cache.
     */
    public long blockCacheUsage() {
        return manifest.formatVersion() >= RocksSettings.PLAIN_TABLE_FORMAT ? 0 : longProperty("rocksdb.block-cache-usage");
    }

    /** Bytes of the version's database files on disk, as listed in its manifest (files beside {@code db/} left out). */
    public long sizeOnDisk() {
        long total = 0;
        for (FileEntry f : manifest.files()) {
            if (!f.path().startsWith(DbFiles.DB_DIR + "/")) {
                continue;
            }
            total += f.size();
        }
        return total;
    }

    public Manifest manifest() {
        return manifest;
    }

    public String versionId() {
        return manifest.versionId();
    }

    /** Whether {@link #close} has run. */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the database and its native options; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        db.close();
        settings.close();
        LOG.info("closed store version {}", manifest.versionId());
    }
}
