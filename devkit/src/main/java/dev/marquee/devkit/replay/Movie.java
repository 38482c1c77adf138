package dev.marquee.devkit.replay;

import java.util.List;
import java.util.Objects;

/**
 * A movie of a catalogue.
 *
 * @param slug   its id in the platform log ({@code the+matrix+1999}), unique in its catalogue
 * @param title  the title as the source gives it, year included
 * @param year   the release year when the title carries one, else null
 * @param genres genre names, possibly empty
 */
public record Movie(String slug, String title, Integer year, List<String> genres) {

    public Movie {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        genres = List.copyOf(genres);
    }
}
