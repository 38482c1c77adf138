package dev.marquee.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollback and pruning of a store.
 *
 * <p>"Previous" is the entry below the live one on the promotion stack replayed from HISTORY
 * (see {@link StoreHistory}), skipping versions that are gone or no longer verify. A store
 * without HISTORY (written before it existed) falls back to version-id order: the highest
 * complete version below the live one.
 *
 * <p>Prune deletes only complete versions (with a manifest) and never: the live one, the rollback
 * target, the newest {@code keep} complete versions, or any version newer than the live one
 * (published, perhaps about to be promoted). Directories without a manifest are left alone: a
 * batch job may be writing them right now ({@link StoreWriter#create} cleans up its own leftovers).
 * A deleted version loses its manifest first, so a half-deleted one is never taken for complete.
 *
 * <p>Rollback changes CURRENT through {@link StoreLayout#rollBack} (so {@code marquee rollback} and the rollout's
 * undo write the same way, under the store's lock); prune chooses and removes the manifests under that lock too.
 * "Previous" is read from HISTORY as repaired against CURRENT ({@link StoreHistory}), so a crash between the two
 * writes, or a hand-edited CURRENT, never makes it name the wrong version.
 */
public final class Housekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private Housekeeping() {
    }

    /** What {@link #rollback} did. */
    public record Rollback(String from, String to) {
    }

    /** What {@link #prune} did; every list sorted by version id. */
    public record Prune(List<String> deleted, List<String> kept, List<String> skippedIncomplete) {
    }

    /**
     * Points CURRENT back at the version promoted before the live one (verified first), through
     * {@link StoreLayout#rollBack}: refused if CURRENT changed since it was read.
     *
     * @throws StoreException if there is no live version, no complete earlier version, or CURRENT changed meanwhile
     */
    public static Rollback rollback(StoreLayout layout) {
        String live = layout.current().orElseThrow(() ->
                new StoreException("nothing to roll back: " + layout.currentFile() + " names no version"));
        String target = previous(layout, live).orElseThrow(() ->
                new StoreException("nothing to roll back to: no complete version before " + live));
        layout.rollBack(live, target);
        LOG.info("rolled back CURRENT from {} to {}", live, target);
        return new Rollback(live, target);
    }

    /** The version a rollback would go to now, if there is a complete one. */
    public static Optional<String> previous(StoreLayout layout, String live) {
        List<String> stack;
        try {
            stack = StoreHistory.stack(layout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + StoreHistory.file(layout), e);
        }
        int at = stack.lastIndexOf(live);
        if (at >= 0) {
            for (int i = at - 1; i >= 0; i--) {
                if (isComplete(layout, stack.get(i))) {
                    return Optional.of(stack.get(i));
                }
            }
            return Optional.empty();
        }
        // No history of the live version: fall back to version-id order.
        List<String> ids = layout.versions();
        for (int i = ids.size() - 1; i >= 0; i--) {
            String id = ids.get(i);
            if (id.compareTo(live) < 0 && isComplete(layout, id)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes old complete versions beyond the newest {@code keep}; see the class comment for what
     * is never deleted.
     *
     * @throws IllegalArgumentException if keep is below 1
     */
    public static Prune prune(StoreLayout layout, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        if (!Files.isDirectory(layout.root())) {
            return new Prune(List.of(), List.of(), List.of());
        }
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        // Under the writers' lock: the choice and the manifests' deletion, so no promote or rollback can make a
        // version live (or the rollback target) while it is being chosen; without its manifest a version can no
        // longer be promoted or rolled back to, so its files are deleted after the lock is released.
        try (StoreLock lock = StoreLock.acquire(layout)) {
            choose(layout, keep, deleted, kept, incomplete);
            for (String id : deleted) {
                deleteManifest(layout.versionsDir().resolve(id));
            }
        }
        for (String id : deleted) {
            delete(layout.versionsDir().resolve(id));
            LOG.info("pruned store version {}", id);
        }
        return new Prune(List.copyOf(deleted), List.copyOf(kept), List.copyOf(incomplete));
    }

    /**
     * Deletes the version folders a writer abandoned (killed, out of disk): those without a
     * manifest in which nothing was written for {@code quietFor}. A writer still at work touches
     * its files all the time, so a folder written to within {@code quietFor} is never deleted;
     * choose it far longer than a version takes to write. Returns the ids deleted.
     */
    public static List<String> removeAbandoned(StoreLayout layout, Duration quietFor, Instant now) {
        List<String> removed = new ArrayList<>();
        for (String id : layout.versions()) {
            Path dir = layout.versionsDir().resolve(id);
            if (Files.isRegularFile(dir.resolve(Manifest.FILE_NAME))) {
                continue;
            }
            Instant last = lastWrite(dir);
            if (Duration.between(last, now).compareTo(quietFor) > 0) {
                delete(dir);
                removed.add(id);
                LOG.warn("removed abandoned store version {}: no manifest, nothing written since {}", id, last);
            }
        }
        return removed;
    }

    /** The newest modification time of {@code dir} or anything under it. */
    private static Instant lastWrite(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> {
                try {
                    return Files.getLastModifiedTime(p).toInstant();
                } catch (IOException e) {
                    return Instant.MAX; // vanished or unreadable while we looked: someone is at work there
                }
            }).max(Comparator.naturalOrder()).orElse(Instant.MAX);
        } catch (IOException e) {
            return Instant.MAX;
        }
    }

    private static void choose(StoreLayout layout, int keep, List<String> deleted, List<String> kept,
            List<String> incomplete) {
        Optional<String> live = layout.current();
        Set<String> protectedIds = new LinkedHashSet<>();
        live.ifPresent(protectedIds::add);
        live.flatMap(l -> previous(layout, l)).ifPresent(protectedIds::add);
        List<String> complete = new ArrayList<>();
        for (String id : layout.versions()) {
            if (Files.isRegularFile(layout.versionsDir().resolve(id).resolve(Manifest.FILE_NAME))) {
                complete.add(id);
            } else {
                incomplete.add(id);
            }
        }
        protectedIds.addAll(complete.subList(Math.max(0, complete.size() - keep), complete.size()));
        for (String id : complete) {
            boolean newerThanLive = live.isPresent() && id.compareTo(live.get()) > 0;
            if (protectedIds.contains(id) || newerThanLive) {
                kept.add(id);
            } else {
                deleted.add(id);
            }
        }
    }

    private static boolean isComplete(StoreLayout layout, String id) {
        try {
            ManifestVerifier.verify(layout.versionDir(id), false);
            return true;
        } catch (StoreException | IllegalArgumentException e) {
            return false;
        }
    }

    /** First step of a deletion: without its manifest a version is incomplete for everyone. */
    private static void deleteManifest(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(Manifest.FILE_NAME));
            AtomicFiles.fsyncDirectory(dir);
        } catch (IOException e) {
            throw new StoreException("cannot delete the manifest of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try {
            deleteManifest(dir);
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot delete version directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
