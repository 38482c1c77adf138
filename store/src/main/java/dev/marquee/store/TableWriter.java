package dev.marquee.store;

import java.nio.file.Path;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * One bulk-loaded database of a version (its main lists in {@code db/}, or an arm's in
 * {@code arms/<name>/db}): keys put in increasing order without a write-ahead log, the memtable
 * flushed every {@code keysPerFile} keys, then {@link #finish} flushes and compacts it into one
 * sorted run (a trivial move of sorted files) and closes it. Not thread-safe.
 */
final class TableWriter implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private final String name;
    private final long keysPerFile;
    private final RocksSettings settings;
    private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
    private final RocksDB db;
    private long keysInFile;
    private int flushes;
    private long compactMillis;
    private boolean closed;

    private TableWriter(String name, long keysPerFile, RocksSettings settings, RocksDB db) {
        this.name = name;
        this.keysPerFile = keysPerFile;
        this.settings = settings;
        this.db = db;
    }

    /** Creates the database in {@code dir} (which must exist and be empty). */
    static TableWriter open(String name, Path dir, long keysPerFile) {
        RocksSettings settings = RocksSettings.forWriting();
        try {
            return new TableWriter(name, keysPerFile, settings, RocksDB.open(settings.options(), dir.toString()));
        } catch (RocksDBException e) {
            settings.close();
            throw new StoreException("cannot create the database of " + name + ": " + e.getMessage(), e);
        }
    }

    /** Writes one key; the caller keeps keys in increasing order. */
    void put(byte[] key, byte[] value) {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new StoreException("cannot write to " + name + ": " + e.getMessage(), e);
        }
        if (++keysInFile == keysPerFile) {
            flush();
        }
    }

    /** Flushes, compacts into one sorted run and closes the database. */
    void finish() {
        flush();
        long start = System.nanoTime();
        try {
            db.compactRange();
        } catch (RocksDBException e) {
            throw new StoreException("cannot compact " + name + ": " + e.getMessage(), e);
        }
        compactMillis = (System.nanoTime() - start) / 1_000_000;
        close();
    }

    /** Memtable flushes so far. */
    int flushes() {
        return flushes;
    }

    /** How long the final compaction took. */
    long compactMillis() {
        return compactMillis;
    }

    private void flush() {
        try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
            db.flush(options);
            flushes++;
            keysInFile = 0;
        } catch (RocksDBException e) {
            throw new StoreException("cannot flush " + name + ": " + e.getMessage(), e);
        }
    }

    /** Closes the database and its native options; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        db.close();
        writeOptions.close();
        settings.close();
    }
}
