package dev.marquee.devkit.replay;

import dev.marquee.events.SlugRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a data set's movies and ratings as the source names them, gives movies unique slugs and builds the
 * {@link RatingsDataset}. Ratings of movies missing from the movie file get a {@code movie+<id>} slug and a
 * placeholder movie, and are counted.
 */
final class DatasetBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetBuilder.class);
    private static final Pattern YEAR = Pattern.compile("\\((\\d{4})(?:[-\u2013]\\d{0,4})?\\)\\s*$");

    private final DatasetFormat format;
    private final SlugRegistry slugs = new SlugRegistry();
    private final List<Movie> movies = new ArrayList<>();
    private final List<DatasetRating> ratings = new ArrayList<>();
    private long skippedLines;
    private String firstSkipped;
    private long ratingsOfUnknownMovies;
    private final Set<String> placeholders = new HashSet<>();

    DatasetBuilder(DatasetFormat format) {
        this.format = format;
    }

    void movie(String sourceId, String title, List<String> genres) {
        if (slugs.slugOf(sourceId).isPresent()) {
            skip("duplicate movie id " + sourceId);
            return;
        }
        String slug = slugs.assign(sourceId, title);
        movies.add(new Movie(slug, title, year(title), genres));
    }

    void rating(long userId, String sourceMovieId, int rating, long epochSecond) {
        String slug = slugs.slugOf(sourceMovieId).orElse(null);
        if (slug == null) {
            String title = "movie " + sourceMovieId;
            slug = slugs.assign(sourceMovieId, title);
            movies.add(new Movie(slug, title, null, List.of()));
            placeholders.add(slug);
        }
        if (!placeholders.isEmpty() && placeholders.contains(slug)) {
            ratingsOfUnknownMovies++;
        }
        ratings.add(new DatasetRating(userId, slug, rating, epochSecond));
    }

    void skip(String lineOrReason) {
        if (skippedLines++ == 0) {
            firstSkipped = lineOrReason;
        }
    }

    RatingsDataset build() {
        ratings.sort(Comparator.comparingLong(DatasetRating::epochSecond));
        if (skippedLines > 0) {
            LOG.warn("{}: skipped {} malformed lines, first: {}", format.code(), skippedLines, firstSkipped);
        }
        if (!placeholders.isEmpty()) {
            LOG.warn("{}: {} movies ({} ratings) missing from the movie file got placeholder slugs movie+<id>",
                    format.code(), placeholders.size(), ratingsOfUnknownMovies);
        }
        LOG.info("{}: {} ratings, {} movies", format.code(), ratings.size(), movies.size());
        return new RatingsDataset(format.code(), new Catalogue(movies), ratings, format.scale());
    }

    long skippedLines() {
        return skippedLines;
    }

    int unknownMovies() {
        return placeholders.size();
    }

    long ratingsOfUnknownMovies() {
        return ratingsOfUnknownMovies;
    }

    static Integer year(String title) {
        Matcher m = YEAR.matcher(title);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
