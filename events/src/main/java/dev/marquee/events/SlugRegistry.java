package dev.marquee.events;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives each source movie a unique slug: the first movie with a given slug gets it plain, later different
 * movies get {@code +2}, {@code +3}, ...; the same source id always gets its first slug back. Thread-safe.
 */
public final class SlugRegistry {

    private final Map<String, String> bySource = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    /** The slug of {@code sourceMovieId}, assigned from {@code title} the first time it is seen. */
    public synchronized String assign(String sourceMovieId, String title) {
        String known = bySource.get(sourceMovieId);
        if (known != null) {
            return known;
        }
        String base = Slugs.slug(title);
        String candidate = base;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = base + "+" + n;
        }
        taken.add(candidate);
        bySource.put(sourceMovieId, candidate);
        return candidate;
    }

    /** The slug already assigned to {@code sourceMovieId}, if any. */
    public synchronized Optional<String> slugOf(String sourceMovieId) {
        return Optional.ofNullable(bySource.get(sourceMovieId));
    }

    /** How many movies have a slug. */
    public synchronized int size() {
        return bySource.size();
    }
}
