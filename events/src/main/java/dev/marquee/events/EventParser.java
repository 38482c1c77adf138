package dev.marquee.events;

import java.time.LocalDateTime;

/**
 * Parses one log line into an {@link Event}, or says why not. Never throws; no regex and no exceptions on the
 * hot path, since it runs on tens of millions of lines. A trailing '\r' is tolerated.
 */
public final class EventParser {

    static final String RATE = "GET /rate/";
    static final String WATCH = "GET /data/m/";
    static final String WATCH_SUFFIX = ".mpg";
    static final String ACCOUNT = "GET /create_account";
    static final String RECOMMENDATION = "recommendation request ";
    static final String STATUS = ", status ";
    static final String RESULT = ", result: ";
    static final String MS = " ms";

    private EventParser() {
    }

    /** Parses {@code line}; any input, null included, gives a result. */
    public static ParseResult parse(String line) {
        try {
            return parseUnchecked(line);
        } catch (RuntimeException e) {
            // Not expected: a safety net so that no input can stop a run.
            return new Rejected(line == null ? "" : line, RejectReason.UNKNOWN_KIND, "unexpected: " + e);
        }
    }

    private static ParseResult parseUnchecked(String line) {
        if (line == null) {
            return reject("", RejectReason.EMPTY, "null line");
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        if (isBlank(line, end)) {
            return reject(line, RejectReason.EMPTY, "empty line");
        }
        int c1 = line.indexOf(',');
        int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
        if (c2 < 0 || c2 >= end) {
            return reject(line, RejectReason.TOO_FEW_FIELDS, "expected <time>,<userId>,<request>");
        }
        LocalDateTime time = LogTimes.parse(line, 0, c1);
        if (time == null) {
            return reject(line, RejectReason.BAD_TIME, "not a time: '" + line.substring(0, c1) + "'");
        }
        long user = UserIds.parse(line, c1 + 1, c2);
        if (user < 0) {
            return reject(line, RejectReason.BAD_USER, "not a non-negative long: '" + line.substring(c1 + 1, c2) + "'");
        }
        int p = c2 + 1;
        if (line.startsWith(RATE, p)) {
            return rate(line, time, user, p + RATE.length(), end);
        }
        if (line.startsWith(WATCH, p)) {
            return watch(line, time, user, p + WATCH.length(), end);
        }
        if (line.startsWith(RECOMMENDATION, p)) {
            return RecommendationParser.parse(line, time, user, p + RECOMMENDATION.length(), end);
        }
        if (end - p == ACCOUNT.length() && line.startsWith(ACCOUNT, p)) {
            return new Parsed(new AccountEvent(time, user));
        }
        return reject(line, RejectReason.UNKNOWN_KIND, "unknown request");
    }

    private static ParseResult rate(String line, LocalDateTime time, long user, int from, int end) {
        int eq = line.indexOf('=', from);
        if (eq < 0 || eq >= end) {
            return reject(line, RejectReason.BAD_RATING, "missing '=<rating>'");
        }
        if (!MovieIds.isValid(line, from, eq)) {
            return reject(line, RejectReason.BAD_MOVIE, "bad movie id: '" + line.substring(from, eq) + "'");
        }
        long rating = parseInt(line, eq + 1, end);
        if (rating == Long.MIN_VALUE) {
            return reject(line, RejectReason.BAD_RATING, "not an integer: '" + line.substring(eq + 1, end) + "'");
        }
        return new Parsed(new RateEvent(time, user, line.substring(from, eq), (int) rating));
    }

    private static ParseResult watch(String line, LocalDateTime time, long user, int from, int end) {
        int suffix = end - WATCH_SUFFIX.length();
        if (suffix <= from || !line.startsWith(WATCH_SUFFIX, suffix)) {
            return reject(line, RejectReason.BAD_MINUTE, "expected /data/m/<movie>/<minute>.mpg");
        }
        int slash = line.lastIndexOf('/', suffix - 1);
        if (slash < from) {
            return reject(line, RejectReason.BAD_MINUTE, "expected /data/m/<movie>/<minute>.mpg");
        }
        if (!MovieIds.isValid(line, from, slash)) {
            return reject(line, RejectReason.BAD_MOVIE, "bad movie id: '" + line.substring(from, slash) + "'");
        }
        long minute = parseNonNegativeLong(line, slash + 1, suffix);
        if (minute < 0 || minute > Integer.MAX_VALUE) {
            return reject(line, RejectReason.BAD_MINUTE, "not a minute: '" + line.substring(slash + 1, suffix) + "'");
        }
        return new Parsed(new WatchEvent(time, user, line.substring(from, slash), (int) minute));
    }

    static Rejected reject(String line, RejectReason reason, String detail) {
        return new Rejected(line, reason, detail);
    }

    private static boolean isBlank(String s, int end) {
        for (int i = 0; i < end; i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative long of 1 to 19 ASCII digits, or -1: the same digits rule as a user id ({@link UserIds}). */
    static long parseNonNegativeLong(String s, int from, int to) {
        return UserIds.parse(s, from, to);
    }

    /** An int with an optional leading '-', or Long.MIN_VALUE when it is not one. */
    static long parseInt(String s, int from, int to) {
        boolean negative = from < to && s.charAt(from) == '-';
        long v = parseNonNegativeLong(s, negative ? from + 1 : from, to);
        if (v < 0 || v > (negative ? -(long) Integer.MIN_VALUE : Integer.MAX_VALUE)) {
            return Long.MIN_VALUE;
        }
        return negative ? -v : v;
    }
}
