package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void refusesNoCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new RecentLines(0));
    }
}
