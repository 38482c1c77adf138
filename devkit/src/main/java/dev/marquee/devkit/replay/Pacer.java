package dev.marquee.devkit.replay;

import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces an iterator to at most a given rate: item n is handed out no earlier than n / rate seconds after the
 * first, by sleeping (no busy wait, no dependency). A consumer slower than the rate is not held up at all.
 */
public final class Pacer {

    private Pacer() {
    }

    /** {@code items} at no more than {@code perSecond} items a second; unpaced when perSecond is infinite. */
    public static <T> Iterator<T> pace(Iterator<T> items, double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        if (Double.isInfinite(perSecond)) {
            return items;
        }
        double nanosPerItem = 1e9 / perSecond;
        return new Iterator<>() {
            private long t0;
            private long handed;

            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public T next() {
                T item = items.next();
                if (handed == 0) {
                    t0 = System.nanoTime();
                } else {
                    long due = t0 + (long) (handed * nanosPerItem);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                handed++;
                return item;
            }
        };
    }
}
