package dev.marquee.store;

/**
 * One file of a version, as listed in its manifest: a database file, or one added beside the
 * database ({@link StoreWriter#addFile}, e.g. {@code evaluation.html}).
 *
 * @param path path relative to the version directory, '/'-separated (e.g. {@code db/000012.sst})
 * @param size size in bytes
 * @param sha256 lowercase hex SHA-256 of the content
 */
public record FileEntry(String path, long size, String sha256) {
}
