package dev.marquee.store;

/**
 * How {@link StoreReader#open} opens a version.
 *
 * @param verifyChecksums compare the SHA-256 of every file with the manifest before opening
 *     (presence and sizes are always checked)
 * @param blockCacheBytes size of the reader's LRU block cache
 */
public record ReaderOptions(boolean verifyChecksums, long blockCacheBytes) {

    /** Full verification and a 64 MiB block cache. */
    public static final ReaderOptions DEFAULTS = new ReaderOptions(true, 64L << 20);

    public ReaderOptions {
        if (blockCacheBytes <= 0) {
            throw new IllegalArgumentException("blockCacheBytes must be positive, got " + blockCacheBytes);
        }
    }
}
