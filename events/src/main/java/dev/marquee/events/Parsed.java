package dev.marquee.events;

import java.util.Objects;

/** A line that parsed into an event. */
public record Parsed(Event event) implements ParseResult {

    public Parsed {
        Objects.requireNonNull(event, "event");
    }
}
