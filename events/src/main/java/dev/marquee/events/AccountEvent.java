package dev.marquee.events;

import java.time.LocalDateTime;

/** A user created an account: {@code GET /create_account}. */
public record AccountEvent(LocalDateTime time, long userId) implements Event {

    public AccountEvent {
        Checks.common(time, userId);
    }
}
