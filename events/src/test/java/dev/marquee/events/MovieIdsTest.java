package dev.marquee.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MovieIdsTest {

    @Test
    void slugsAreLowerCaseWordsJoinedBySinglePluses() {
        assertTrue(MovieIds.isSlug("the+matrix+1999"));
        assertTrue(MovieIds.isSlug("m"));
        assertFalse(MovieIds.isSlug(""));
        assertFalse(MovieIds.isSlug("+alien"));
        assertFalse(MovieIds.isSlug("alien+"));
        assertFalse(MovieIds.isSlug("alien 1979"));
        assertFalse(MovieIds.isSlug("amélie+2001"));
    }

    @Test
    void anIdLongerThanTheLimitIsNotValid() {
        assertTrue(MovieIds.isValid("a".repeat(MovieIds.MAX_LENGTH)));
        assertFalse(MovieIds.isValid("a".repeat(MovieIds.MAX_LENGTH + 1)));
        assertFalse(MovieIds.isValid("a".repeat(2 << 20) + "+1999"));
    }
}
