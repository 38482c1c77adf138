package dev.marquee.batch.ingest;

import java.util.Arrays;

/**
 * The last {@code capacity} distinct lines a task saw, the oldest forgotten first. Not thread-safe: one per task.
 *
 * <p>It is asked once for every record a run reads, so it keeps no map entries: the lines sit in a ring
 * of {@code capacity} slots, chained by their hash in plain {@code int} arrays (a chain holds about one
 * slot); a line is a copy only if it is equal to the remembered one, never on its hash alone.
 */
final class RecentLines {
    private final String[] lines;
    private final int[] hashes;
    /** The next slot in the same bucket's chain, or -1. */
    private final int[] next;
    /** Each bucket's newest slot, or -1. */
    private final int[] heads;
    private final int mask;
    private int oldest;
    private int size;

    RecentLines(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.lines = new String[capacity];
        this.hashes = new int[capacity];
        this.next = new int[capacity];
        this.heads = new int[Integer.highestOneBit(capacity) << 2];
        this.mask = heads.length - 1;
        Arrays.fill(heads, -1);
    }

    /** Whether {@code line} is one of the recent lines; if not, it becomes the newest. */
    boolean seen(String line) {
        int hash = line.hashCode();
        int bucket = bucket(hash);
        for (int i = heads[bucket]; i >= 0; i = next[i]) {
            if (hashes[i] == hash && lines[i].equals(line)) {
                return true;
            }
        }
        int slot;
        if (size == lines.length) {
            slot = oldest;
            unlink(slot);
            oldest = (oldest + 1) % lines.length;
        } else {
            slot = (oldest + size) % lines.length;
            size++;
        }
        lines[slot] = line;
        hashes[slot] = hash;
        next[slot] = heads[bucket];
        heads[bucket] = slot;
        return false;
    }

    private void unlink(int slot) {
        int bucket = bucket(hashes[slot]);
        if (heads[bucket] == slot) {
            heads[bucket] = next[slot];
            return;
        }
        int i = heads[bucket];
        while (next[i] != slot) {
            i = next[i];
        }
        next[i] = next[slot];
    }

    private int bucket(int hash) {
        return (hash ^ (hash >>> 16)) & mask;
    }
}
