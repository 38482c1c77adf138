package dev.marquee.events;

/** Outcome of parsing one line: {@link Parsed} or {@link Rejected}. */
public sealed interface ParseResult permits Parsed, Rejected {
}
