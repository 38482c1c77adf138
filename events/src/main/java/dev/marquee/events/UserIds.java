package dev.marquee.events;

/**
 * The one rule for a user id, wherever one is read: the log line's second field and the service's
 * request path. 1 to 19 ASCII digits whose value fits in a signed 64-bit long; signs, spaces,
 * percent-escapes, hex, decimals and non-ASCII digits are all invalid.
 */
public final class UserIds {

    /** Returned for an invalid id; valid ids are never negative. */
    public static final long INVALID = -1;

    private static final int MAX_DIGITS = 19;

    private UserIds() {
    }

    /** The id in {@code raw}, or {@link #INVALID}. */
    public static long parse(CharSequence raw) {
        return parse(raw, 0, raw.length());
    }

    /** The id in {@code raw[from, to)}, or {@link #INVALID}; allocates nothing. */
    public static long parse(CharSequence raw, int from, int to) {
        int length = to - from;
        if (length < 1 || length > MAX_DIGITS) {
            return INVALID;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            // At most 19 digits: the unsigned result stays below 2^64, so overflow past
            // Long.MAX_VALUE shows up as a negative value and nothing wraps further.
            value = value * 10 + (c - '0');
        }
        return value < 0 ? INVALID : value;
    }
}
