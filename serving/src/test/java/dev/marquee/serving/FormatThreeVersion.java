package dev.marquee.serving;

import dev.marquee.store.FileEntry;
import dev.marquee.store.Keys;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.PlainTableConfig;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * A store version as format 3's writer made it (before spares, ADR 11): PlainTable tables with the
 * options store's RocksSettings used, values {@code [text][k float32][k]}, the manifest last, with
 * no lineage {@code dataEnd} (its cut is its createdAt).
 */
final class FormatThreeVersion {

    private FormatThreeVersion() {
    }

    /** Publishes (does not promote) {@code lists} (user -> ids) with {@code scores(ids.size())} each, and the cold-start list. */
    static void publish(StoreLayout layout, String versionId, Map<Long, List<String>> lists, List<String> coldStart,
            float[] scores) throws IOException, RocksDBException {
        Path dir = layout.versionDir(versionId);
        Path db = Files.createDirectories(dir.resolve("db"));
        try (Options options = new Options().setCreateIfMissing(true)
                    .useCappedPrefixExtractor(Keys.USER_KEY_LENGTH)
                    .setTableFormatConfig(new PlainTableConfig().setKeySize(PlainTableConfig.VARIABLE_LENGTH)
                            .setBloomBitsPerKey(10).setHashTableRatio(0.75).setIndexSparseness(1).setStoreIndexInFile(true))
                    .setCompressionType(CompressionType.NO_COMPRESSION)
                    .setAllowMmapReads(true);
                RocksDB rocks = RocksDB.open(options, db.toString())) {
            for (var e : new java.util.TreeMap<>(lists).entrySet()) {
                rocks.put(Keys.userKey(e.getKey()), Values.encode(3, e.getValue(), scores, e.getValue().size()));
            }
            rocks.put(Keys.COLD_START_KEY, Values.encode(3, coldStart, null, coldStart.size()));
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                rocks.flush(flush);
            }
            rocks.compactRange();
        }
        List<FileEntry> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(db)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.equals("LOCK") && !name.equals("LOG") && !name.startsWith("LOG.old")) {
                    files.add(new FileEntry(dir.relativize(p).toString(), Files.size(p), sha256(p)));
                }
            }
        }
        new Manifest(3, versionId, Instant.now().toString(), lists.size(), coldStart.size(), files, Map.of("test", true))
                .write(dir.resolve(Manifest.FILE_NAME));
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
