package dev.marquee.devkit.replay;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

/** The movies of a data set, in source order, with a lookup by slug. Slugs must be unique. */
public record Catalogue(List<Movie> movies) {

    public Catalogue {
        movies = movies instanceof IndexedMovies ? movies : new IndexedMovies(movies);
    }

    /** The movie with {@code slug}, if any. */
    public Optional<Movie> bySlug(String slug) {
        return Optional.ofNullable(((IndexedMovies) movies).bySlug.get(slug));
    }

    /** Number of movies. */
    public int size() {
        return movies.size();
    }

    /** An unmodifiable list that also indexes its movies by slug; equals/hashCode are those of any list. */
    private static final class IndexedMovies extends AbstractList<Movie> implements RandomAccess {
        private final List<Movie> list;
        private final Map<String, Movie> bySlug;

        IndexedMovies(List<Movie> movies) {
            this.list = List.copyOf(movies);
            this.bySlug = new HashMap<>(list.size() * 2);
            for (Movie m : list) {
                if (bySlug.putIfAbsent(m.slug(), m) != null) {
                    throw new IllegalArgumentException("duplicate slug in catalogue: " + m.slug());
                }
            }
        }

        @Override
        public Movie get(int index) {
            return list.get(index);
        }

        @Override
        public int size() {
            return list.size();
        }
    }
}
