package dev.marquee.batch.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@code capacity} distinct lines a task saw, the oldest forgotten first. Not thread-safe: one per task. */
final class RecentLines {
    private final Map<String, Boolean> lines;

    RecentLines(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.lines = new LinkedHashMap<>(capacity * 2, 0.75f) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether {@code line} is one of the recent lines; if not, it becomes the newest. */
    boolean seen(String line) {
        return lines.putIfAbsent(line, Boolean.TRUE) != null;
    }
}
