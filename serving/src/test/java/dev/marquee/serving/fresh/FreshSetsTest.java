package dev.marquee.serving.fresh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FreshSetsTest {

    @Test
    void theUserCapEvictsTheUserWhoseLatestEventIsOldestAndCountsIt() {
        FreshSets sets = new FreshSets(3, 10);
        sets.add(1, "a+1", 100);
        sets.add(2, "b+2", 200);
        sets.add(3, "c+3", 300);
        sets.add(1, "d+4", 400); // user 1 is the most recent now
        sets.add(4, "e+5", 500);
        assertEquals(3, sets.users(), "the cap is respected");
        assertNull(sets.get(2), "user 2's latest event was the oldest");
        assertNotNull(sets.get(1));
        assertEquals(1, sets.usersEvicted());
        assertEquals(4, sets.movies(), "user 1: two movies, users 3 and 4: one each");
        for (long u = 10; u < 1_010; u++) {
            sets.add(u, "f+6", 1_000 + u);
        }
        assertEquals(3, sets.users());
        assertEquals(1_001, sets.usersEvicted());
        assertEquals(3, sets.movies());
    }

    @Test
    void theMovieCapKeepsTheNewestAndARepeatMovesAMovieToTheEnd() {
        FreshSets sets = new FreshSets(10, 3);
        sets.add(7, "a+1", 10);
        sets.add(7, "b+2", 20);
        sets.add(7, "c+3", 30);
        sets.add(7, "a+1", 40); // watched again: newest now, not a fourth movie
        assertArrayEquals(new String[] {"b+2", "c+3", "a+1"}, sets.get(7).ids());
        assertEquals(0, sets.moviesEvicted());
        sets.add(7, "d+4", 50);
        assertArrayEquals(new String[] {"c+3", "a+1", "d+4"}, sets.get(7).ids());
        assertArrayEquals(new long[] {30, 40, 50}, sets.get(7).times());
        assertEquals(1, sets.moviesEvicted());
        assertEquals(3, sets.movies());
        assertEquals(5, sets.added());
    }

    @Test
    void aNewerCutDropsWhatItsDataHolds() {
        FreshSets sets = new FreshSets(10, 10);
        sets.add(1, "a+1", 100);
        sets.add(1, "b+2", 300);
        sets.add(2, "c+3", 150);
        assertEquals(2, sets.dropUpTo(200));
        assertNull(sets.get(2), "nothing left of user 2");
        assertArrayEquals(new String[] {"b+2"}, sets.get(1).ids());
        assertEquals(1, sets.movies());
        assertEquals(1, sets.users());
    }

    @Test
    void onlyMoviesAfterTheCutCount() {
        FreshSets sets = new FreshSets(10, 10);
        sets.add(1, "a+1", 100);
        sets.add(1, "b+2", 300);
        FreshSets.Movies m = sets.get(1);
        assertTrue(m.containsAfter("b+2", 200));
        assertFalse(m.containsAfter("a+1", 200), "watched before the cut: the version knows it");
        assertFalse(m.anyAfter(300));
        assertTrue(m.anyAfter(299));
    }
}
