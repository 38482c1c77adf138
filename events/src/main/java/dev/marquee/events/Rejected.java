package dev.marquee.events;

import java.util.Objects;

/**
 * A line that did not parse.
 *
 * @param line   the line as given (never null; a null input is recorded as "")
 * @param reason why, as a stable category
 * @param detail a short human-readable explanation
 */
public record Rejected(String line, RejectReason reason, String detail) implements ParseResult {

    public Rejected {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
