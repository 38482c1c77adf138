package dev.marquee.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a run's phases as they finish, with the phase's time and the time since the run began. */
public final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger("marquee.batch");
    private final long start = System.nanoTime();
    private long phaseStart = start;
    private int phase;

    /** Logs the end of a phase with what it produced. */
    public void done(String name, String what, Object... args) {
        long now = System.nanoTime();
        phase++;
        String detail = org.slf4j.helpers.MessageFormatter.arrayFormat(what, args).getMessage();
        LOG.info("[{}] {} ({} ms, {} s elapsed): {}", phase, name, (now - phaseStart) / 1_000_000,
                String.format("%.1f", (now - start) / 1e9), detail);
        phaseStart = now;
    }

    /** Milliseconds since the run began. */
    public long elapsedMs() {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
