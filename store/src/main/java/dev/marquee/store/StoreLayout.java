package dev.marquee.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a store lives: {@code <root>/CURRENT} names the live version, {@code <root>/versions/<id>/}
 * holds each version, {@code <root>/HISTORY} logs every change of CURRENT, {@code <root>/LOCK} is the writers'
 * lock. Versions are named {@code v} plus a 6-digit sequence (v000001, v000002, ...). CURRENT and HISTORY change
 * only through {@link #promote} and {@link #rollBack}, one writer at a time (see {@code change}).
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
     * Makes {@code versionId} the live version and records {@code promote <id>} in HISTORY (the promotion order
     * that {@link Housekeeping#rollback} steps back along). See {@link #change} for the order of the writes and
     * the lock.
     *
     * @throws StoreException if the version is not complete (its manifest, sizes and checksums do not verify), or
     *     the store's lock is not free within 30 s
     */
    public void promote(String versionId) {
        ManifestVerifier.verify(versionDir(versionId), true);
        change(StoreHistory.PROMOTE, versionId, Optional.empty());
    }

    /**
     * Rolls the store back from {@code from} to {@code to}: only if CURRENT still names {@code from}, points it at
     * {@code to} and records {@code rollback <to>} in HISTORY, so the promotion stack pops back to {@code to} (the
     * version rolled back from is no longer on it: a later rollback goes further back, never to it). The rollout's
     * undo and {@code marquee rollback} ({@link Housekeeping#rollback}) both come here.
     *
     * @throws StoreException if {@code to} is not complete, CURRENT does not name {@code from} (then nothing is
     *     changed), or the store's lock is not free within 30 s
     */
    public void rollBack(String from, String to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("rollBack needs both versions, got from " + from + " to " + to);
        }
        ManifestVerifier.verify(versionDir(to), true);
        change(StoreHistory.ROLLBACK, to, Optional.of(from));
    }

    /** {@code <root>/HISTORY}, the promotion log. */
    public Path historyFile() {
        return StoreHistory.file(this);
    }

    /** {@code <root>/LOCK}, held by whoever changes CURRENT and HISTORY ({@link StoreLock}). */
    public Path lockFile() {
        return root.resolve(StoreLock.FILE_NAME);
    }

    /**
     * The one way CURRENT and HISTORY change. Under the store's lock ({@link StoreLock}: in-JVM, then the OS file
     * lock on {@code <root>/LOCK}; at most 30 s of waiting):
     * <ol>
     * <li>if {@code expected} is given and CURRENT does not name it, refuse: nothing is written;
     * <li>append to HISTORY, in one write, fsynced: the repair line if HISTORY disagrees with CURRENT (a crash
     * between these two steps earlier, or a hand-edited CURRENT; {@link StoreHistory#repair}), then
     * {@code <action> <versionId>}, the intent;
     * <li>replace CURRENT atomically (temp file, fsync, rename, fsync of the root): the commit point.
     * </ol>
     * A crash after 2 leaves an intent HISTORY's readers ignore because CURRENT disagrees with it, and the next
     * change appends the line that undoes it; a crash before 2 changes nothing.
     *
     * @param expected the version CURRENT must name for the change to happen; empty: any, or none
     */
    void change(String action, String versionId, Optional<String> expected) {
        versionDir(versionId); // checks the id before anything is written
        try (StoreLock lock = StoreLock.acquire(this)) {
            Optional<String> live = current();
            if (expected.isPresent() && !live.equals(expected)) {
                throw new StoreException(action + " to " + versionId + " refused: CURRENT names "
                        + live.orElse("no version") + ", not " + expected.get()
                        + " (changed by someone else meanwhile); nothing was changed");
            }
            if (!Files.isRegularFile(versionDir(versionId).resolve(Manifest.FILE_NAME))) {
                throw new StoreException(action + " to " + versionId + " refused: its manifest is gone (pruned "
                        + "meanwhile?); nothing was changed");
            }
            List<String> lines = new ArrayList<>();
            try {
                StoreHistory.repair(StoreHistory.lines(this), live).ifPresent(lines::add);
                lines.add(StoreHistory.line(action, versionId));
                StoreHistory.append(this, lines);
            } catch (IOException e) {
                throw new StoreException("cannot append to " + historyFile() + ": " + e.getMessage()
                        + "; CURRENT still names " + live.orElse("no version"), e);
            }
            try {
                AtomicFiles.write(currentFile(), (versionId + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new StoreException("cannot write " + currentFile() + ": " + e.getMessage() + "; CURRENT "
                        + "names " + current().orElse("no version") + " (if not " + versionId + ", "
                        + historyFile() + "'s last line is an intent that readers ignore and the next change undoes)",
                        e);
            }
        }
    }
}
