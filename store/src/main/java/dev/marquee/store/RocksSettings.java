package dev.marquee.store;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Logger;
import org.rocksdb.Options;
import org.rocksdb.PlainTableConfig;
import org.slf4j.LoggerFactory;

/**
 * Owns the native RocksDB objects of one database: its options, table format and an info logger
 * that goes to SLF4J instead of a LOG file (so opening a version never writes into it). Close
 * after the DB.
 *
 * <p>Formats 3 and 4 (4 written now: the values carry spares, ADR 11; the tables are those of format 3, ADR 10) store users in RocksDB's PlainTable format, made for
 * read-only point lookups from memory: a hash index over the 8-byte user key (kept in the file)
 * leads to the record in the mmapped file, with a bloom filter in front for unknown users. Measured
 * on the 1M-user store (docs/benchmarks.md): 1.1-1.5 us per get against 2.8-3.1 us for the
 * block-based table, the same size on disk. Formats 1 and 2 (block-based table, uncompressed 4 KiB
 * blocks read through mmap) are still read, so a rollback across the upgrade works.
 */
final class RocksSettings implements AutoCloseable {

    /** Bits per key of the bloom filter: about 1% false positives, so unknown users rarely touch the data. */
    private static final int BLOOM_BITS_PER_KEY = 10;

    /** The first format whose tables are PlainTable. */
    static final int PLAIN_TABLE_FORMAT = 3;

    private final BloomFilter filter;
    private final LRUCache cache;
    private final Logger logger;
    private final Options options;

    private RocksSettings(BloomFilter filter, LRUCache cache, Options options, Logger logger) {
        this.filter = filter;
        this.cache = cache;
        this.logger = logger;
        this.options = options.setLogger(logger);
    }

    /** Options to open a version of {@code formatVersion} read-only. */
    static RocksSettings forReading(int formatVersion, long blockCacheBytes) {
        if (formatVersion >= PLAIN_TABLE_FORMAT) {
            return new RocksSettings(null, null, plainTable(), new Slf4jRocksLogger());
        }
        BloomFilter filter = new BloomFilter(BLOOM_BITS_PER_KEY);
        LRUCache cache = new LRUCache(blockCacheBytes);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setFilterPolicy(filter)
                .setWholeKeyFiltering(true)
                .setBlockCache(cache)
                .setBlockSize(4 * 1024);
        Options options = new Options()
                .setTableFormatConfig(table)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setAllowMmapReads(true);
        return new RocksSettings(filter, cache, options, new Slf4jRocksLogger());
    }

    /**
     * Options to bulk-load a new version ({@link Manifest#FORMAT_VERSION}): no WAL is needed (the
     * manifest, written last, is the commit) and no background compaction runs; the writer flushes
     * and compacts once when it publishes.
     */
    static RocksSettings forWriting() {
        Options options = plainTable()
                .setCreateIfMissing(true)
                .setErrorIfExists(true)
                .setDisableAutoCompactions(true)
                .setWriteBufferSize(64L << 20)
                .setTargetFileSizeBase(256L << 20);
        return new RocksSettings(null, null, options, new Slf4jRocksLogger());
    }

    private static Options plainTable() {
        PlainTableConfig table = new PlainTableConfig()
                .setKeySize(PlainTableConfig.VARIABLE_LENGTH)
                .setBloomBitsPerKey(BLOOM_BITS_PER_KEY)
                .setHashTableRatio(0.75)
                .setIndexSparseness(1)
                .setStoreIndexInFile(true);
        // The whole user key is the hash prefix; the 1-byte cold-start key is its own (shorter) prefix.
        return new Options()
                .useCappedPrefixExtractor(Keys.USER_KEY_LENGTH)
                .setTableFormatConfig(table)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setAllowMmapReads(true);
    }

    Options options() {
        return options;
    }

    @Override
    public void close() {
        options.close();
        logger.close();
        if (cache != null) {
            cache.close();
        }
        if (filter != null) {
            filter.close();
        }
    }

    /** RocksDB's info log, forwarded to SLF4J logger {@code org.rocksdb}: errors at warn, the rest (its warnings are routine noise during ingest) at debug. */
    private static final class Slf4jRocksLogger extends Logger {

        private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("org.rocksdb");

        Slf4jRocksLogger() {
            super(InfoLogLevel.WARN_LEVEL);
        }

        @Override
        protected void log(InfoLogLevel level, String message) {
            if (level == InfoLogLevel.ERROR_LEVEL || level == InfoLogLevel.FATAL_LEVEL) {
                LOG.warn("{}", message.stripTrailing());
            } else {
                LOG.debug("{}", message.stripTrailing());
            }
        }
    }
}
