package dev.marquee.events;

import java.time.LocalDateTime;

/** One event of the platform's log. */
public sealed interface Event permits RateEvent, WatchEvent, RecommendationEvent, AccountEvent {

    /** Local time the platform logged the event. */
    LocalDateTime time();

    /** Non-negative user id. */
    long userId();
}
