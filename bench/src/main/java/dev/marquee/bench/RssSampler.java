package dev.marquee.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The peak resident memory of processes: reads {@code VmHWM} (the kernel's high-water mark of RSS)
 * from {@code /proc/<pid>/status} every second while they live, keeping the largest value seen, in
 * KiB, under the name each was watched with. Linux only.
 */
final class RssSampler implements AutoCloseable {
    private final Map<String, Long> peaks;
    private final Map<String, Long> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });

    RssSampler(Map<String, Long> peaks) {
        this.peaks = peaks;
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    void watch(String name, long pid) {
        watched.put(name, pid);
        sample();
    }

    private void sample() {
        watched.forEach((name, pid) -> {
            long kb = highWaterKb(pid);
            if (kb > 0) {
                peaks.merge(name, kb, Math::max);
            }
        });
    }

    /** VmHWM of a live process in KiB; 0 once it is gone. */
    static long highWaterKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        sample();
        timer.shutdownNow();
    }
}
