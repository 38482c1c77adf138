package dev.marquee.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Lists and fingerprints the files of a version's database directory. */
final class DbFiles {

    /** Name of the database directory inside a version directory. */
    static final String DB_DIR = "db";
    /** Name of the directory of a version's A/B arms: {@code arms/<arm>/db}. */
    static final String ARMS_DIR = "arms";

    private static final int BUFFER = 1 << 20;

    private DbFiles() {
    }

    /**
     * Every immutable file under {@code <versionDir>/db} and {@code <versionDir>/arms}, sorted by
     * path, with size and SHA-256. RocksDB's LOCK and info LOG files are left out: they are not
     * data and may change on open.
     */
    static List<FileEntry> fingerprint(Path versionDir) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String dir : List.of(DB_DIR, ARMS_DIR)) {
            if (!Files.isDirectory(versionDir.resolve(dir))) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(versionDir.resolve(dir))) {
                walk.filter(Files::isRegularFile).filter(p -> !isVolatile(p)).forEach(paths::add);
            }
        }
        paths.sort(null);
        List<FileEntry> entries = new ArrayList<>(paths.size());
        for (Path p : paths) {
            String rel = versionDir.relativize(p).toString().replace('\\', '/');
            entries.add(new FileEntry(rel, Files.size(p), sha256(p)));
        }
        return entries;
    }

    /** Lowercase hex SHA-256 of a file's content. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean isVolatile(Path p) {
        String name = p.getFileName().toString();
        return name.equals("LOCK") || name.equals("LOG") || name.startsWith("LOG.old");
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
