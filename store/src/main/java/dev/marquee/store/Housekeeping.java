package dev.marquee.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * Points CURRENT back at the version promoted before the live one (verified first).
     *
     * @throws StoreException if there is no live version or no complete earlier version
     */
    public static Rollback rollback(StoreLayout layout) {
        String live = layout.current().orElseThrow(() ->
                new StoreException("nothing to roll back: " + layout.currentFile() + " names no version"));
        String target = previous(layout, live).orElseThrow(() ->
                new StoreException("nothing to roll back to: no complete version before " + live));
        ManifestVerifier.verify(layout.versionDir(target), true);
        layout.write(target, StoreHistory.ROLLBACK);
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
        Optional<String> live = layout.current();
        Set<String> protectedIds = new LinkedHashSet<>();
        live.ifPresent(protectedIds::add);
        live.flatMap(l -> previous(layout, l)).ifPresent(protectedIds::add);
        List<String> complete = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (String id : layout.versions()) {
            if (Files.isRegularFile(layout.versionsDir().resolve(id).resolve(Manifest.FILE_NAME))) {
                complete.add(id);
            } else {
                incomplete.add(id);
            }
        }
        protectedIds.addAll(complete.subList(Math.max(0, complete.size() - keep), complete.size()));
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String id : complete) {
            boolean newerThanLive = live.isPresent() && id.compareTo(live.get()) > 0;
            if (protectedIds.contains(id) || newerThanLive) {
                kept.add(id);
            } else {
                delete(layout.versionsDir().resolve(id));
                deleted.add(id);
                LOG.info("pruned store version {}", id);
            }
        }
        return new Prune(List.copyOf(deleted), List.copyOf(kept), List.copyOf(incomplete));
    }

    private static boolean isComplete(StoreLayout layout, String id) {
        try {
            ManifestVerifier.verify(layout.versionDir(id), false);
            return true;
        } catch (StoreException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void delete(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(Manifest.FILE_NAME));
            AtomicFiles.fsyncDirectory(dir);
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
