package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentLinesTest {
    @Test
    void remembersTheLatestLinesOnly() {
        RecentLines recent = new RecentLines(2);
        assertFalse(recent.seen("a"));
        assertTrue(recent.seen("a"), "a copy right after");
        assertFalse(recent.seen("b"));
        assertTrue(recent.seen("a"), "still among the last two");
        assertFalse(recent.seen("c")); // a is forgotten now: the oldest of a, b, c
        assertFalse(recent.seen("a"), "too far back: left to the search after the write");
        assertTrue(recent.seen("c"));
    }

    @Test
    void equalHashesAreNotCopies() {
        RecentLines recent = new RecentLines(4);
        assertFalse(recent.seen("Aa"));
        assertFalse(recent.seen("BB"), "same String hash as Aa, another line");
        assertTrue(recent.seen("Aa"));
        assertTrue(recent.seen("BB"));
    }

    @Test
    void answersAsAnInsertionOrderedMapOfTheLastLines() {
        for (int capacity : new int[] {1, 3, 7, 64}) {
            RecentLines recent = new RecentLines(capacity);
            Map<String, Boolean> reference = new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > capacity;
                }
            };
            Random random = new Random(capacity);
            for (int i = 0; i < 50_000; i++) {
                // Few distinct lines, among them pairs of equal hashes ("Aa"/"BB" prefixes): hits, misses, evictions.
                String line = (random.nextBoolean() ? "Aa" : "BB") + random.nextInt(capacity * 3);
                assertEquals(reference.putIfAbsent(line, Boolean.TRUE) != null, recent.seen(line),
                        "capacity " + capacity + ", step " + i + ", line " + line);
            }
        }
    }

    @Test
    void refusesNoCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new RecentLines(0));
    }
}
