package dev.marquee.batch.progress;

/**
 * Where the job's code names what a phase is doing now, for the progress lines: a sub-step with a
 * count where Spark's task counts say little ("tuning ease {lambda=300.0}", 2 of 6 fits done;
 * users written, 250,000 of 1,000,000). Calls are cheap and may come from any thread; the latest
 * one wins.
 */
public interface Steps {
    /** Steps that go nowhere (no progress lines wanted). */
    Steps NONE = (what, done, total) -> { };

    /** What the phase does now, without a count. */
    default void step(String what) {
        step(what, -1, -1);
    }

    /**
     * What the phase does now: {@code done} units of {@code total} finished ({@code done} below 0:
     * no count; {@code total} below 1: not known). A rate is measured over the calls that keep the
     * same total without going back.
     */
    void step(String what, long done, long total);
}
