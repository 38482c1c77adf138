package dev.marquee.batch.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While a phase runs, a line every so often on logger {@code marquee.batch}: the phase and its time
 * so far, the step the code named last with its count, rate and ETA, and the running Spark stages'
 * tasks done of total, task rate, ETA (remaining tasks / tasks per second since the stage began)
 * and records read per second. Without a rate it says "ETA unknown" rather than invent one.
 * {@link #tick()} makes one line (tests call it by hand on their own clock); {@link #start} ticks
 * on a daemon thread that {@link #close()} stops.
 */
public final class Ticker implements Steps, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("marquee.batch");

    private record Phase(int number, String name, long started) {}

    private record Step(String what, long done, long total, long since, long doneSince) {}

    private final LongSupplier nanos;
    private final SparkStages stages;
    private volatile Phase phase;
    private volatile Step step;
    private ScheduledExecutorService thread;

    /** A ticker on {@code nanos}' clock over {@code stages} (null: no Spark part in the lines). */
    public Ticker(LongSupplier nanos, SparkStages stages) {
        this.nanos = nanos;
        this.stages = stages;
    }

    /** Phase {@code number}, {@code name}, begins now (null name: between phases, no lines). */
    public void phase(int number, String name) {
        step = null;
        phase = name == null ? null : new Phase(number, name, nanos.getAsLong());
    }

    @Override
    public void step(String what, long done, long total) {
        long now = nanos.getAsLong();
        Step last = step;
        boolean same = last != null && done >= 0 && last.done >= 0 && total == last.total && done >= last.done;
        step = same ? new Step(what, done, total, last.since, last.doneSince) : new Step(what, done, total, now, done);
    }

    /** Logs and returns the line for now; null between phases. */
    public String tick() {
        Phase p = phase;
        if (p == null) {
            return null;
        }
        long now = nanos.getAsLong();
        StringBuilder line = new StringBuilder().append('[').append(p.number).append("] ").append(p.name).append(' ')
                .append(duration((now - p.started) / 1e9)).append(": ");
        Step s = step;
        if (s != null) {
            line.append(step(s, now));
        }
        if (stages != null) {
            line.append(s == null ? "" : "; ").append(spark(stages.snapshot(now)));
        } else if (s == null) {
            line.append("working");
        }
        LOG.info("{}", line);
        return line.toString();
    }

    private static String step(Step s, long now) {
        if (s.done < 0) {
            return s.what;
        }
        double seconds = (now - s.since) / 1e9;
        double rate = seconds > 0 ? (s.done - s.doneSince) / seconds : 0;
        if (s.total < 1) {
            return s.what + " (" + count(s.done) + (rate > 0 ? ", " + rate(rate) : "") + ")";
        }
        return s.what + " (" + count(s.done) + "/" + count(s.total) + (rate > 0 ? ", " + rate(rate) : "") + ", "
                + eta(s.total - s.done, rate) + ")";
    }

    private static String spark(SparkStages.Snapshot st) {
        if (!st.running()) {
            return "no Spark stage running";
        }
        StringBuilder out = new StringBuilder(st.ids().size() == 1 ? "Spark stage " : "Spark stages ");
        out.append(String.join("+", st.ids().stream().map(String::valueOf).toList()));
        if (!st.description().isEmpty()) {
            out.append(" \"").append(st.description()).append('"');
        }
        out.append(": tasks ").append(count(st.tasksDone())).append('/').append(count(st.tasksTotal()));
        if (st.tasksPerSecond() > 0) {
            out.append(", ").append(rate(st.tasksPerSecond()));
        }
        out.append(", ").append(eta(st.tasksTotal() - st.tasksDone(), st.tasksPerSecond()));
        if (st.records() > 0) {
            out.append(", ").append(count(st.records())).append(" records read (").append(rate(st.recordsPerSecond()))
                    .append(')');
        }
        return out.toString();
    }

    /** "ETA 2m40s" for {@code remaining} units at {@code perSecond}, or "ETA unknown" without a rate. */
    static String eta(long remaining, double perSecond) {
        if (remaining <= 0) {
            return "ETA 0 s";
        }
        return perSecond > 0 ? "ETA " + duration(remaining / perSecond) : "ETA unknown";
    }

    /** "42 s", "3m20s", "1h05m". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        return s < 3600 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }

    /** "30,000/s", "2.5/s", "1.5/min". */
    static String rate(double perSecond) {
        if (perSecond >= 10) {
            return String.format(Locale.ROOT, "%,.0f/s", perSecond);
        }
        return perSecond >= 1 ? String.format(Locale.ROOT, "%.1f/s", perSecond)
                : String.format(Locale.ROOT, "%.1f/min", perSecond * 60);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Ticks every {@code every} on a daemon thread until {@link #close()}; zero: never. */
    public synchronized void start(Duration every) {
        if (every.isZero() || thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "marquee-progress");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        thread.scheduleAtFixedRate(() -> {
            try {
                tick();
            } catch (RuntimeException e) { // a bad line must not end the ticking, nor the run
                LOG.debug("progress line failed", e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Whether the ticking thread runs. */
    public synchronized boolean running() {
        return thread != null && !thread.isTerminated();
    }

    /** Stops the ticking thread, waiting up to 5 s for a line being written. */
    @Override
    public synchronized void close() {
        phase = null;
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
