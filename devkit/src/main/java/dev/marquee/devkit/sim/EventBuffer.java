package dev.marquee.devkit.sim;

import dev.marquee.events.AccountEvent;
import dev.marquee.events.Event;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Generated events not yet handed out, in primitive columns (no object per event). {@link #sortAndSplit} orders
 * them by time (ties in generation order) and keeps back those at or after a cut-off: the session simulator adds
 * one simulated day at a time plus what spilled over from the day before; the {@link SyntheticPlatform} adds its
 * whole log and splits once with no cut-off.
 */
final class EventBuffer {

    static final byte ACCOUNT = 0;
    static final byte WATCH = 1;
    static final byte RATE = 2;
    static final byte RECOMMENDATION = 3;

    private static final int INDEX_BITS = 30;

    private long[] timeMs = new long[1 << 16];
    private int[] user = new int[1 << 16];
    private int[] movie = new int[1 << 16];
    private int[] value = new int[1 << 16];
    private byte[] kind = new byte[1 << 16];
    private int size;
    private int[] order = new int[0];
    private int ready;

    void add(long time, int userIndex, byte eventKind, int movieIndex, int eventValue) {
        if (size == timeMs.length) {
            if (size >= (1 << INDEX_BITS) - 1) {
                throw new IllegalStateException("too many events in one buffer: " + size);
            }
            int cap = (int) Math.min((1L << INDEX_BITS) - 1, size * 2L);
            timeMs = Arrays.copyOf(timeMs, cap);
            user = Arrays.copyOf(user, cap);
            movie = Arrays.copyOf(movie, cap);
            value = Arrays.copyOf(value, cap);
            kind = Arrays.copyOf(kind, cap);
        }
        timeMs[size] = time;
        user[size] = userIndex;
        movie[size] = movieIndex;
        value[size] = eventValue;
        kind[size] = eventKind;
        size++;
    }

    /**
     * Sorts the events by time and returns how many come before {@code cutoffMs}; those are {@code event(0..n-1)}
     * until the next call, the rest stay for it. {@code base} is a time at or before every event, and every event
     * must lie within 2^33 ms (about 99 days) of it.
     */
    int sortAndSplit(long baseMs, long cutoffMs) {
        compactReady();
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            long rel = timeMs[i] - baseMs;
            if (rel < 0 || rel >= 1L << (63 - INDEX_BITS)) {
                throw new IllegalStateException("event time out of the day's window: " + timeMs[i]);
            }
            keys[i] = (rel << INDEX_BITS) | i;
        }
        Arrays.sort(keys);
        order = new int[size];
        long mask = (1L << INDEX_BITS) - 1;
        int n = 0;
        for (int i = 0; i < size; i++) {
            order[i] = (int) (keys[i] & mask);
            if (timeMs[order[i]] < cutoffMs) {
                n = i + 1;
            }
        }
        ready = n;
        return n;
    }

    /** Drops the events handed out by the last split, keeping the rest in generation order. */
    private void compactReady() {
        if (ready == 0) {
            return;
        }
        int sorted = order.length;
        int[] keep = Arrays.copyOf(Arrays.copyOfRange(order, ready, sorted), sorted - ready + size - sorted);
        Arrays.sort(keep, 0, sorted - ready);
        for (int i = sorted; i < size; i++) {
            keep[sorted - ready + i - sorted] = i;
        }
        for (int j = 0; j < keep.length; j++) {
            int i = keep[j];
            timeMs[j] = timeMs[i];
            user[j] = user[i];
            movie[j] = movie[i];
            value[j] = value[i];
            kind[j] = kind[i];
        }
        size = keep.length;
        ready = 0;
    }

    int size() {
        return size;
    }

    /** Index (for the getters) of the {@code k}-th event in time order after the last split. */
    int ordered(int k) {
        return order[k];
    }

    long timeMs(int i) {
        return timeMs[i];
    }

    int user(int i) {
        return user[i];
    }

    int movie(int i) {
        return movie[i];
    }

    int value(int i) {
        return value[i];
    }

    byte kind(int i) {
        return kind[i];
    }

    /** The time {@code ms} milliseconds after {@code startEpochSecond} (UTC). */
    static LocalDateTime time(long startEpochSecond, long ms) {
        return LocalDateTime.ofEpochSecond(startEpochSecond + ms / 1000, (int) (ms % 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    /**
     * Event {@code i} (an account, watch or rate event) with its times counted from {@code startEpochSecond}, its
     * user index + 1 as the user id and its movie index as a slug of {@code world}'s catalogue.
     */
    Event event(int i, long startEpochSecond, World world) {
        LocalDateTime time = time(startEpochSecond, timeMs[i]);
        long userId = user[i] + 1L;
        return switch (kind[i]) {
            case ACCOUNT -> new AccountEvent(time, userId);
            case WATCH -> new WatchEvent(time, userId, world.slug(movie[i]), value[i]);
            case RATE -> new RateEvent(time, userId, world.slug(movie[i]), value[i]);
            default -> throw new IllegalStateException("not an account, watch or rate event: kind " + kind[i]);
        };
    }
}
