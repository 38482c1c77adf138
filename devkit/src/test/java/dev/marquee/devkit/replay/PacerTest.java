package dev.marquee.devkit.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void handsOutEveryItemNoFasterThanTheRate() {
        List<Integer> items = IntStream.range(0, 301).boxed().toList();
        long t0 = System.nanoTime();
        List<Integer> out = new ArrayList<>();
        Pacer.pace(items.iterator(), 1000).forEachRemaining(out::add);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(items, out);
        assertTrue(seconds >= 0.299, "300 gaps at 1000/s took " + seconds + " s");
        assertTrue(seconds < 3, "took " + seconds + " s");
    }

    @Test
    void infiniteRateIsUnpacedAndNonPositiveIsRefused() {
        Iterator<Integer> it = List.of(1).iterator();
        assertTrue(Pacer.pace(it, Double.POSITIVE_INFINITY) == it);
        assertThrows(IllegalArgumentException.class, () -> Pacer.pace(it, 0));
        assertThrows(IllegalArgumentException.class, () -> Pacer.pace(it, Double.NaN));
    }
}
