package dev.marquee.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private final Map<String, RocksDB> arms;
    private final byte[] coldStart;
    private volatile boolean closed;

    private StoreReader(Manifest manifest, RocksSettings settings, RocksDB db, Map<String, RocksDB> arms, byte[] coldStart) {
        this.manifest = manifest;
        this.settings = settings;
        this.db = db;
        this.arms = arms;
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
        Map<String, RocksDB> arms = new TreeMap<>();
        try {
            db = RocksDB.openReadOnly(settings.options(), versionDir.resolve(DbFiles.DB_DIR).toString());
            byte[] coldStart = db.get(Keys.COLD_START_KEY);
            if (coldStart == null) {
                throw new StoreException("version " + versionId + " has no cold-start list");
            }
            for (String arm : manifest.arms().keySet()) {
                arms.put(arm, RocksDB.openReadOnly(settings.options(),
                        versionDir.resolve(DbFiles.ARMS_DIR).resolve(arm).resolve(DbFiles.DB_DIR).toString()));
            }
            LOG.info("opened store version {} ({} users, {} cold-start ids, arms {}, checksums {}) in {} ms", versionId,
                    manifest.userCount(), manifest.coldStartCount(), manifest.arms(),
                    readerOptions.verifyChecksums() ? "verified" : "skipped", (System.nanoTime() - start) / 1_000_000);
            return new StoreReader(manifest, settings, db, arms, coldStart);
        } catch (RocksDBException | RuntimeException e) {
            arms.values().forEach(RocksDB::close);
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

    /**
     * A user's value in one of the version's A/B arms ({@link #arms()}), or null if the arm does not
     * hold the user. {@value StoreWriter#MAIN_ARM} is the main lists ({@link #get(long)}).
     *
     * @throws IllegalArgumentException if the version has no such arm
     */
    public byte[] get(String arm, long userId) {
        if (StoreWriter.MAIN_ARM.equals(arm)) {
            return get(userId);
        }
        RocksDB armDb = arms.get(arm);
        if (armDb == null) {
            throw new IllegalArgumentException("version " + manifest.versionId() + " has no arm " + arm);
        }
        if (closed) {
            throw new IllegalStateException("store version " + manifest.versionId() + " is closed");
        }
        try {
            return armDb.get(Keys.userKey(userId));
        } catch (RocksDBException e) {
            throw new StoreException("lookup of user " + userId + " in arm " + arm + " of " + manifest.versionId()
                    + " failed", e);
        }
    }

    /** The version's A/B arms beside its main lists (empty for most versions). */
    public Set<String> arms() {
        return arms.keySet();
    }

    /**
     * Every user of an arm (or of {@value StoreWriter#MAIN_ARM}) with its ids and scores, in user
     * order, to {@code sink}: what promoting an arm copies into a new version.
     */
    public void forEach(String arm, UserListSink sink) {
        RocksDB source = StoreWriter.MAIN_ARM.equals(arm) ? db : arms.get(arm);
        if (source == null) {
            throw new IllegalArgumentException("version " + manifest.versionId() + " has no arm " + arm);
        }
        try (org.rocksdb.RocksIterator it = source.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key.length != Keys.USER_KEY_LENGTH) {
                    continue; // the cold-start list
                }
                byte[] value = it.value();
                sink.accept(Keys.userId(key), ids(value), scores(value));
            }
        }
    }

    /** Receives one user's list. */
    @FunctionalInterface
    public interface UserListSink {
        /** One user's ids and scores (empty when the list has none), best first. */
        void accept(long userId, List<String> ids, float[] scores);
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
        arms.values().forEach(RocksDB::close);
        db.close();
        settings.close();
        LOG.info("closed store version {}", manifest.versionId());
    }
}
