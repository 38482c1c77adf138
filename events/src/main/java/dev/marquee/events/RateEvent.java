package dev.marquee.events;

import java.time.LocalDateTime;

/**
 * A user rated a movie: {@code GET /rate/<movieId>=<rating>}. The rating is any integer here; whether it is on
 * the configured scale is the batch job's check.
 */
public record RateEvent(LocalDateTime time, long userId, String movieId, int rating) implements Event {

    public RateEvent {
        Checks.common(time, userId);
        Checks.movieId(movieId);
    }
}
