package dev.marquee.events;

import java.time.LocalDateTime;

/** A user streamed one minute of a movie: {@code GET /data/m/<movieId>/<minute>.mpg}. */
public record WatchEvent(LocalDateTime time, long userId, String movieId, int minute) implements Event {

    public WatchEvent {
        Checks.common(time, userId);
        Checks.movieId(movieId);
        if (minute < 0) {
            throw new IllegalArgumentException("minute must be non-negative: " + minute);
        }
    }
}
