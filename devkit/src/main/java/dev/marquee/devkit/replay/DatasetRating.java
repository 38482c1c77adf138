package dev.marquee.devkit.replay;

import java.util.Objects;

/** One rating of a data set, on the data set's {@link RatingScale}; {@code epochSecond} is UTC. */
public record DatasetRating(long userId, String movieSlug, int rating, long epochSecond) {

    public DatasetRating {
        Objects.requireNonNull(movieSlug, "movieSlug");
        if (userId < 0) {
            throw new IllegalArgumentException("userId must be non-negative: " + userId);
        }
    }
}
