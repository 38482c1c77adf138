package dev.marquee.devkit.sim;

import dev.marquee.devkit.replay.TopicProducer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** Runs a simulation into files or a topic and reports what it wrote, for {@code marquee simulate} and the bench. */
public final class Simulation {

    /** Name of the catalogue file written beside the log files. */
    public static final String CATALOGUE_FILE = "catalogue.csv";

    private Simulation() {
    }

    /**
     * What a run wrote.
     *
     * @param totals  lines by kind
     * @param seconds wall time, world drawing included
     * @param bytes   bytes written: on disk for files (compressed when gzip, catalogue included), line bytes
     *                (UTF-8, no separators) for a topic
     * @param where   the folder or {@code bootstrap/topic}
     */
    public record Report(SimTotals totals, double seconds, long bytes, String where) {

        /** A few lines for people. */
        public String describe() {
            SimTotals t = totals;
            return String.format("simulated %,d lines in %.1f s (%,.0f lines/s) to %s, %,d bytes%n"
                    + "  events %,d: accounts %,d, watch minutes %,d, ratings %,d, recommendation requests %,d"
                    + " (%,d failed)%n  garbage %,d: %s", t.lines(), seconds, t.lines() / Math.max(seconds, 1e-9),
                    where, bytes, t.events(), t.accounts(), t.watches(), t.ratings(), t.recommendations(),
                    t.failedRecommendations(), t.garbage(), t.garbageByKind());
        }
    }

    /** Writes the log into {@code dir} in files of {@code linesPerFile} lines, and the catalogue beside it. */
    public static Report toFiles(SimConfig config, Path dir, long linesPerFile, boolean gzip) throws IOException {
        long t0 = System.nanoTime();
        Simulator sim = Simulator.create(config);
        Files.createDirectories(dir);
        Path catalogue = dir.resolve(CATALOGUE_FILE);
        CatalogueCsv.write(sim.catalogue(), catalogue);
        SimLog log = sim.log();
        FileSink.Written w = FileSink.write(log, dir, linesPerFile, gzip);
        return new Report(log.totals(), (System.nanoTime() - t0) / 1e9, w.bytes() + Files.size(catalogue),
                dir.toString());
    }

    /**
     * Produces the log to {@code topic}, at most {@code linesPerSecond} lines a second (infinite: unpaced).
     */
    public static Report toTopic(SimConfig config, String bootstrap, String topic, double linesPerSecond) {
        long t0 = System.nanoTime();
        SimLog log = Simulator.create(config).log();
        long[] bytes = new long[1];
        Iterator<String> counted = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return log.hasNext();
            }

            @Override
            public String next() {
                String line = log.next();
                bytes[0] += line.getBytes(StandardCharsets.UTF_8).length;
                return line;
            }
        };
        TopicProducer.produce(bootstrap, topic, counted, Map.of(), linesPerSecond);
        return new Report(log.totals(), (System.nanoTime() - t0) / 1e9, bytes[0], bootstrap + "/" + topic);
    }
}
