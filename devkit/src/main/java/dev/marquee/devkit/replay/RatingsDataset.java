package dev.marquee.devkit.replay;

import java.util.List;
import java.util.Objects;

/**
 * A data set read by {@link DatasetReader}.
 *
 * @param format    which format it was read as (see {@link DatasetFormat})
 * @param catalogue its movies; every rating's slug is in it
 * @param ratings   sorted by time, ties in file order
 * @param scale     the rating scale of the format
 */
public record RatingsDataset(String format, Catalogue catalogue, List<DatasetRating> ratings, RatingScale scale) {

    public RatingsDataset {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(scale, "scale");
        ratings = List.copyOf(ratings);
    }
}
