package dev.marquee.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;

/**
 * The log's time format, hand-parsed (no regex, no exceptions): {@code yyyy-MM-ddTHH:mm:ss} with an optional
 * fraction of 1 to 9 digits (the platform writes 0, 3, 6 or 9; others are accepted too).
 *
 * <p>A log time carries no zone: it is the wall time in the <em>platform's zone</em> (batch's
 * {@code marquee.batch.validation.platform-zone}, serving's {@code marquee.serving.telemetry.platform-zone}; UTC by
 * default), never the JVM's default zone. Whoever writes a line stamps it with {@link #wallTime}, and the batch job
 * judges "now" with the same rule.
 */
public final class LogTimes {

    private LogTimes() {
    }

    /** The log time of {@code instant}: its wall time in the platform's zone. */
    public static LocalDateTime wallTime(Instant instant, ZoneId platformZone) {
        return LocalDateTime.ofInstant(instant, platformZone);
    }

    /** Parses {@code s}, or returns null when it is not a valid time. */
    public static LocalDateTime parse(String s) {
        return s == null ? null : parse(s, 0, s.length());
    }

    /** Parses {@code s[from, to)}, or returns null when it is not a valid time. */
    static LocalDateTime parse(String s, int from, int to) {
        int len = to - from;
        if (len < 19 || len == 20 || len > 29) {
            return null;
        }
        if (s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-' || s.charAt(from + 10) != 'T'
                || s.charAt(from + 13) != ':' || s.charAt(from + 16) != ':') {
            return null;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int hour = digits(s, from + 11, 2);
        int minute = digits(s, from + 14, 2);
        int second = digits(s, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        if (day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        int nanos = 0;
        if (len > 19) {
            if (s.charAt(from + 19) != '.') {
                return null;
            }
            int fractionDigits = len - 20;
            int fraction = digits(s, from + 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    }

    /** Value of {@code n} ASCII digits at {@code at}, or -1. */
    private static int digits(String s, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Formats with seconds always and the fewest of 0, 3, 6 or 9 fraction digits that are exact. */
    public static String format(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(29);
        append(sb, t);
        return sb.toString();
    }

    static void append(StringBuilder sb, LocalDateTime t) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year must have four digits: " + t);
        }
        pad(sb, year, 4);
        sb.append('-');
        pad(sb, t.getMonthValue(), 2);
        sb.append('-');
        pad(sb, t.getDayOfMonth(), 2);
        sb.append('T');
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        int nanos = t.getNano();
        if (nanos == 0) {
            return;
        }
        sb.append('.');
        if (nanos % 1_000_000 == 0) {
            pad(sb, nanos / 1_000_000, 3);
        } else if (nanos % 1_000 == 0) {
            pad(sb, nanos / 1_000, 6);
        } else {
            pad(sb, nanos, 9);
        }
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
