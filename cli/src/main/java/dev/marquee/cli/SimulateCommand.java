package dev.marquee.cli;

import dev.marquee.devkit.sim.SimConfig;
import dev.marquee.devkit.sim.Simulation;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee simulate}: a platform's log at any scale, to files (with its catalogue) or to a topic. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Simulate a platform's log (users with tastes, sessions of watch minutes, ratings, new accounts,"
        + " garbage) into files (--out) or a Kafka topic (--bootstrap).")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--users", defaultValue = "1000000", description = "users (default ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--movies", defaultValue = "27000", description = "movies (default ${DEFAULT-VALUE})")
    int movies;

    @Option(names = "--events", defaultValue = "1000000",
            description = "about this many lines, garbage included (default ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--days", defaultValue = "30", description = "days spanned (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--start", defaultValue = "2025-01-01", description = "first day (default ${DEFAULT-VALUE})")
    LocalDate start;

    @Option(names = "--garbage-share", defaultValue = "0.01",
            description = "share of garbage lines, 0..1 (default ${DEFAULT-VALUE})")
    double garbageShare;

    @Option(names = "--new-account-share", defaultValue = "0.2",
            description = "share of users whose account is created during the span (default ${DEFAULT-VALUE})")
    double newAccountShare;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "folder for the log files and catalogue.csv")
    Path out;

    @Option(names = "--lines-per-file", defaultValue = "1000000",
            description = "lines per log file (default ${DEFAULT-VALUE})")
    long linesPerFile;

    @Option(names = "--gzip", description = "gzip the log files")
    boolean gzip;

    @Option(names = "--bootstrap", description = "Kafka HOST:PORT to produce to instead of files")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "movielog", description = "topic (default ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--rate", description = "at most this many lines a second into the topic (default: unpaced)")
    Double rate;

    @Override
    public Integer call() throws Exception {
        if ((out == null) == (bootstrap == null)) {
            System.err.println("give exactly one of --out DIR or --bootstrap HOST:PORT");
            return 2;
        }
        SimConfig config = new SimConfig(users, movies, events, days, start, SimConfig.of(1, 20, 1).latentDims(),
                garbageShare, newAccountShare, seed);
        Simulation.Report report = out != null
                ? Simulation.toFiles(config, out, linesPerFile, gzip)
                : Simulation.toTopic(config, bootstrap, topic, rate == null ? Double.POSITIVE_INFINITY : rate);
        System.out.println(report.describe());
        if (out != null) {
            System.out.printf("catalogue: %s%n", out.resolve(Simulation.CATALOGUE_FILE));
        }
        return 0;
    }
}
