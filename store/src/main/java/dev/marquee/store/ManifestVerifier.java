package dev.marquee.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decides whether a version directory is complete: its manifest exists, parses and matches the files. */
public final class ManifestVerifier {

    private ManifestVerifier() {
    }

    /**
     * Verifies a version and returns its manifest.
     *
     * @param versionDir the version directory
     * @param checksums also compare SHA-256 of every file (sizes and presence are always checked)
     * @throws StoreException naming the first problem found
     */
    public static Manifest verify(Path versionDir, boolean checksums) {
        Path file = versionDir.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new StoreException("version " + versionDir.getFileName() + " is incomplete: no " + Manifest.FILE_NAME);
        }
        Manifest m = Manifest.read(file);
        String name = versionDir.getFileName().toString();
        if (m.formatVersion() < Manifest.OLDEST_READABLE_FORMAT || m.formatVersion() > Manifest.FORMAT_VERSION) {
            throw new StoreException("version " + name + " has format version " + m.formatVersion()
                    + ", this code reads only " + Manifest.OLDEST_READABLE_FORMAT + " to " + Manifest.FORMAT_VERSION
                    + (m.formatVersion() > Manifest.FORMAT_VERSION ? " (written by newer code: upgrade the reader)" : ""));
        }
        if (!name.equals(m.versionId())) {
            throw new StoreException("version directory " + name + " holds a manifest for " + m.versionId());
        }
        if (m.files().isEmpty()) {
            throw new StoreException("version " + name + " manifest lists no files");
        }
        for (FileEntry e : m.files()) {
            checkFile(versionDir, name, e, checksums);
        }
        return m;
    }

    private static void checkFile(Path versionDir, String name, FileEntry e, boolean checksums) {
        Path p = versionDir.resolve(e.path()).normalize();
        if (!p.startsWith(versionDir.normalize())) {
            throw new StoreException("version " + name + " manifest names a file outside the version: " + e.path());
        }
        try {
            if (!Files.isRegularFile(p)) {
                throw new StoreException("version " + name + " is missing file " + e.path());
            }
            long size = Files.size(p);
            if (size != e.size()) {
                throw new StoreException("version " + name + " file " + e.path() + " has size " + size
                        + ", manifest says " + e.size());
            }
            if (checksums && !DbFiles.sha256(p).equalsIgnoreCase(e.sha256())) {
                throw new StoreException("version " + name + " file " + e.path() + " fails its SHA-256 check");
            }
        } catch (IOException ex) {
            throw new StoreException("version " + name + " file " + e.path() + " cannot be read: " + ex.getMessage(), ex);
        }
    }
}
