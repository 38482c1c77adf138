package dev.marquee.batch;

import dev.marquee.batch.progress.SparkStages;
import dev.marquee.batch.progress.Steps;
import dev.marquee.batch.progress.Ticker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

/**
 * A run's phases on logger {@code marquee.batch}: each one's end with its wall and CPU time and
 * what it produced, a {@link Ticker} line every so often while it runs, and at the end a table,
 * one {@code PHASE name=<phase> wall_s=<x.x> cpu_s=<y.y> <what it produced>} line per phase (a
 * benchmark parses it). {@link #close()} stops the ticker and takes its listener off Spark.
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("marquee.batch");
    private final LongSupplier nanos;
    private final LongSupplier cpuNanos;
    private final Ticker ticker;
    private final SparkContext spark;
    private final SparkStages stages;
    private final List<PhaseTime> phases = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final long start;
    private String phase;
    private long phaseStart;
    private long phaseCpu;

    Progress(LongSupplier nanos, LongSupplier cpuNanos, SparkContext spark, Duration every) {
        this.nanos = nanos;
        this.cpuNanos = cpuNanos;
        this.spark = spark;
        this.stages = spark == null ? null : new SparkStages(nanos);
        this.ticker = new Ticker(nanos, stages);
        this.start = nanos.getAsLong();
        if (spark != null) {
            spark.addSparkListener(stages);
        }
        ticker.start(every);
    }

    /** Progress of a run on {@code spark}, a ticker line every {@code every} (zero: none). */
    public static Progress start(SparkContext spark, Duration every) {
        return new Progress(System::nanoTime, Progress::processCpuNanos, spark, every);
    }

    /** The CPU time of the whole process so far, or -1 where the JVM does not say. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Phase {@code name} begins. */
    public void begin(String name) {
        phase = name;
        phaseStart = nanos.getAsLong();
        phaseCpu = cpuNanos.getAsLong();
        ticker.phase(phases.size() + 1, name);
    }

    /** Where the code names its sub-steps for the ticker's lines. */
    public Steps steps() {
        return ticker;
    }

    /** The phase begun last ends; logs it with what it produced. */
    public void done(String what, Object... args) {
        long now = nanos.getAsLong();
        long cpu = cpuNanos.getAsLong();
        ticker.phase(0, null);
        long cpuMs = cpu < 0 || phaseCpu < 0 ? -1 : (cpu - phaseCpu) / 1_000_000;
        PhaseTime time = new PhaseTime(phase, (now - phaseStart) / 1_000_000, cpuMs);
        String detail = MessageFormatter.arrayFormat(what, args).getMessage();
        phases.add(time);
        details.add(detail);
        LOG.info("[{}] {} ({} ms, cpu {} s, {} s elapsed): {}", phases.size(), phase, time.wallMs(), seconds(cpuMs),
                seconds((now - start) / 1_000_000), detail);
    }

    /** The phases done so far. */
    public List<PhaseTime> phases() {
        return List.copyOf(phases);
    }

    /** Logs the table of the phases done: one {@code PHASE} line each. */
    public void logTable() {
        for (int i = 0; i < phases.size(); i++) {
            PhaseTime p = phases.get(i);
            LOG.info("PHASE name={} wall_s={} cpu_s={} {}", p.name(), seconds(p.wallMs()), seconds(p.cpuMs()),
                    details.get(i));
        }
    }

    private static String seconds(long ms) {
        return ms < 0 ? "NaN" : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    /** Milliseconds since the run began. */
    public long elapsedMs() {
        return (nanos.getAsLong() - start) / 1_000_000;
    }

    /** Stops the ticker and removes the listener. */
    @Override
    public void close() {
        ticker.close();
        if (spark != null) {
            spark.removeSparkListener(stages);
        }
    }
}
