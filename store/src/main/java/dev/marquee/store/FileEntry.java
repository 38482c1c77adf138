package dev.marquee.store;

/**
 * One database file of a version, as listed in its manifest.
 *
 * @param path path relative to the version directory, '/'-separated (e.g. {@code db/000012.sst})
 * @param size size in bytes
 * @param sha256 lowercase hex SHA-256 of the content
 */
public record FileEntry(String path, long size, String sha256) {
}
