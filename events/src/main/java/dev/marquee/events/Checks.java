package dev.marquee.events;

import java.time.LocalDateTime;
import java.util.Objects;

/** Invariants shared by the event records, so that every event can be written as a line and read back. */
final class Checks {

    private Checks() {
    }

    static void common(LocalDateTime time, long userId) {
        Objects.requireNonNull(time, "time");
        if (userId < 0) {
            throw new IllegalArgumentException("userId must be non-negative: " + userId);
        }
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year must have four digits: " + time);
        }
    }

    static void movieId(String movieId) {
        if (!MovieIds.isValid(movieId)) {
            throw new IllegalArgumentException("invalid movie id: '" + movieId + "'");
        }
    }
}
