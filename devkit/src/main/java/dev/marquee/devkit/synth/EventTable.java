package dev.marquee.devkit.synth;

import java.util.Arrays;

/**
 * The generated events in compact primitive columns (no object per event), and their order by time: ties are
 * kept in generation order, so the output is deterministic.
 */
final class EventTable {

    static final byte ACCOUNT = 0;
    static final byte WATCH = 1;
    static final byte RATE = 2;

    private static final int INDEX_BITS = 30;
    /** 2^33 ms, about 99 days. */
    static final long MAX_TIME_MS = (1L << (63 - INDEX_BITS)) - 1;

    private long[] timeMs = new long[1024];
    private int[] user = new int[1024];
    private int[] movie = new int[1024];
    private int[] value = new int[1024];
    private byte[] kind = new byte[1024];
    private int size;

    void add(long time, int userIndex, byte eventKind, int movieIndex, int eventValue) {
        if (time < 0 || time > MAX_TIME_MS) {
            throw new IllegalArgumentException("time out of range: " + time);
        }
        if (size == timeMs.length) {
            if (size >= (1 << INDEX_BITS) - 1) {
                throw new IllegalStateException("too many events for one synthetic platform: " + size);
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

    /** Indices of the events sorted by time, then by generation order. */
    int[] timeOrder() {
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = (timeMs[i] << INDEX_BITS) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[size];
        long mask = (1L << INDEX_BITS) - 1;
        for (int i = 0; i < size; i++) {
            order[i] = (int) (keys[i] & mask);
        }
        return order;
    }

    int size() {
        return size;
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
}
