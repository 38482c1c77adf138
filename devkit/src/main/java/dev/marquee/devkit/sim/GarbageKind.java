package dev.marquee.devkit.sim;

/**
 * The kinds of garbage line the simulator writes, each a fixed share of the garbage. Some are rejected by the
 * line parser itself; the others parse but break a rule the batch job checks.
 */
public enum GarbageKind {
    /** A real line cut short, or random text: the parser rejects it. */
    MALFORMED(0.20, true),
    /** A request the platform does not log ({@code GET /search?q=...}, {@code POST /rate/...}): parser rejects. */
    UNKNOWN_KIND(0.15, true),
    /** A well-formed rating off the 1..5 scale (0, 6, 10, -1, ...): parses; the job rejects it by scale. */
    OFF_SCALE_RATING(0.15, false),
    /** Month 13, day 32, hour 24 (parser rejects), or a time a century in the future (the job rejects it). */
    BAD_TIME(0.10, false),
    /** A negative or non-numeric user id: the parser rejects it. */
    BAD_USER(0.10, true),
    /** A movie id with spaces (parser rejects) or upper case, not a slug (the job rejects it). */
    BAD_MOVIE(0.10, false),
    /** An exact copy of the real line just before it: the job drops it as a duplicate. */
    DUPLICATE(0.20, false);

    private final double share;
    private final boolean alwaysRejectedByParser;

    GarbageKind(double share, boolean alwaysRejectedByParser) {
        this.share = share;
        this.alwaysRejectedByParser = alwaysRejectedByParser;
    }

    /** Fraction of the garbage lines that are of this kind; the shares add up to 1. */
    public double share() {
        return share;
    }

    /** True when {@code EventParser} rejects every line of this kind. */
    public boolean alwaysRejectedByParser() {
        return alwaysRejectedByParser;
    }
}
