package dev.marquee.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a store lives: {@code <root>/CURRENT} names the live version, {@code <root>/versions/<id>/}
 * holds each version. Versions are named {@code v} plus a 6-digit sequence (v000001, v000002, ...).
 *
 * @param root the store root (a volume shared by batch and serving)
 */
public record StoreLayout(Path root) {

    private static final Pattern SEQUENCED = Pattern.compile("v(\\d{6,})");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public StoreLayout {
        if (root == null) {
            throw new IllegalArgumentException("store root must not be null");
        }
    }

    /** {@code <root>/versions}. */
    public Path versionsDir() {
        return root.resolve("versions");
    }

    /** {@code <root>/versions/<versionId>}; the id must be a plain name (no separators, no dot-dot). */
    public Path versionDir(String versionId) {
        if (versionId == null || !SAFE_ID.matcher(versionId).matches()) {
            throw new IllegalArgumentException("not a valid version id: " + versionId);
        }
        return versionsDir().resolve(versionId);
    }

    /** {@code <root>/CURRENT}. */
    public Path currentFile() {
        return root.resolve("CURRENT");
    }

    /** The version CURRENT names, trimmed; empty if there is no CURRENT (or it is blank). */
    public Optional<String> current() {
        try {
            String id = Files.readString(currentFile(), StandardCharsets.UTF_8).trim();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + currentFile(), e);
        }
    }

    /** Names of the directories under versions/, sorted ascending; empty if there are none. */
    public List<String> versions() {
        if (!Files.isDirectory(versionsDir())) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(versionsDir())) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + versionsDir(), e);
        }
    }

    /** {@code v} + 6 digits, one above the highest sequenced version present (v000001 when none). */
    public String nextVersionId() {
        long max = 0;
        for (String v : versions()) {
            var m = SEQUENCED.matcher(v);
            if (m.matches()) {
                max = Math.max(max, Long.parseLong(m.group(1)));
            }
        }
        return String.format("v%06d", max + 1);
    }

    /**
     * Makes {@code versionId} the live version by atomically replacing CURRENT (temp file in the
     * root, fsync, atomic rename), then appends {@code promote <id>} to HISTORY (the promotion
     * order that {@link Housekeeping#rollback} steps back along).
     *
     * @throws StoreException if the version is not complete (its manifest, sizes and checksums do not verify)
     */
    public void promote(String versionId) {
        ManifestVerifier.verify(versionDir(versionId), true);
        write(versionId, StoreHistory.PROMOTE);
    }

    /** {@code <root>/HISTORY}, the promotion log. */
    public Path historyFile() {
        return StoreHistory.file(this);
    }

    /** Writes CURRENT, then records the change in HISTORY. */
    void write(String versionId, String action) {
        try {
            AtomicFiles.write(currentFile(), (versionId + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException("cannot write " + currentFile() + ": " + e.getMessage(), e);
        }
        try {
            StoreHistory.append(this, action, versionId);
        } catch (IOException e) {
            throw new StoreException("CURRENT now names " + versionId + " but " + historyFile()
                    + " could not be appended: " + e.getMessage(), e);
        }
    }
}
