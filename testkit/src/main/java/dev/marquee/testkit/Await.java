package dev.marquee.testkit;

import java.time.Duration;

/** Bounded waiting for a condition: every wait in a test has a deadline and names what it waited for. */
public final class Await {

    /** The default deadline. */
    public static final Duration DEFAULT = Duration.ofSeconds(20);

    /** A condition that may throw while it is checked (an HTTP call, say); a throw fails the wait. */
    @FunctionalInterface
    public interface Condition {
        boolean met() throws Exception;
    }

    private Await() {
    }

    /** Waits up to 20 s for {@code condition}; throws AssertionError naming {@code what} otherwise. */
    public static void until(String what, Condition condition) throws Exception {
        until(what, DEFAULT, condition);
    }

    /** Waits up to {@code timeout} for {@code condition}, checking every 20 ms. */
    public static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
