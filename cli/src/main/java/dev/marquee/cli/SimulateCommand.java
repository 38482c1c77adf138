package dev.marquee.cli;

import dev.marquee.devkit.sim.ReactConfig;
import dev.marquee.devkit.sim.Reacting;
import dev.marquee.devkit.sim.ReactionModel;
import dev.marquee.devkit.sim.SimConfig;
import dev.marquee.devkit.sim.Simulation;
import dev.marquee.devkit.sim.Simulator;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.devkit.sim.World;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marquee simulate}: a platform's log at any scale, to files (with its catalogue) or to a topic; with
 * {@code --react}, users who ask a running service and react to its answers, into the topic.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Simulate a platform's log (users with tastes, sessions of watch minutes, ratings, new accounts,"
        + " garbage) into files (--out) or a Kafka topic (--bootstrap). With --react, the users ask a running"
        + " service (--service) and watch what they are shown by their hidden tastes, into the topic.")
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

    @Option(names = "--react", description = "users ask --service for recommendations and react to them (needs"
            + " --bootstrap; the service logs its answers itself)")
    boolean react;

    @Option(names = "--service", defaultValue = "http://127.0.0.1:8082",
            description = "with --react: the service's base URL (default ${DEFAULT-VALUE})")
    URI service;

    @Option(names = "--world", defaultValue = "sessions", description = "with --react: whose users and tastes:"
            + " sessions (this command's platform, from --users --movies --seed) or synthetic (the demo's small"
            + " platform, with --seed) (default ${DEFAULT-VALUE})")
    String world;

    @Option(names = "--answers", defaultValue = "1000",
            description = "with --react: stop after this many answers (default ${DEFAULT-VALUE})")
    long answers;

    @Option(names = "--sessions-per-hour", defaultValue = "3600",
            description = "with --react: sessions begun per simulated hour (default ${DEFAULT-VALUE})")
    double sessionsPerHour;

    @Option(names = "--ask-share", defaultValue = "0.5",
            description = "with --react: share of sessions that ask the service first (default ${DEFAULT-VALUE})")
    double askShare;

    @Option(names = "--speed", defaultValue = "60", description = "with --react: simulated seconds per real second;"
            + " Infinity: as fast as the service answers (default ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--max-lead-minutes", defaultValue = "30", description = "with --react: the simulated clock runs"
            + " at most this far ahead of real time (default ${DEFAULT-VALUE})")
    long maxLeadMinutes;

    @Option(names = "--tail-minutes", defaultValue = "15", description = "with --react: after the last answer, lines"
            + " of sessions in progress up to this much later are written, the rest cut (default ${DEFAULT-VALUE})")
    long tailMinutes;

    @Option(names = "--zone", defaultValue = "UTC",
            description = "with --react: the platform's zone of the log times (default ${DEFAULT-VALUE})")
    ZoneId zone;

    @Override
    public Integer call() throws Exception {
        if (react) {
            return react();
        }
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

    private int react() {
        if (bootstrap == null || out != null) {
            System.err.println("--react writes to a topic: give --bootstrap HOST:PORT and no --out");
            return 2;
        }
        World tastes;
        if (world.equals("synthetic")) {
            tastes = SyntheticPlatform.generate(SynthConfig.defaults().withSeed(seed)).truth();
        } else if (world.equals("sessions")) {
            tastes = Simulator.create(new SimConfig(users, movies, events, days, start, SimConfig.of(1, 20, 1)
                    .latentDims(), garbageShare, newAccountShare, seed)).world();
        } else {
            System.err.println("--world is sessions or synthetic, not " + world);
            return 2;
        }
        ReactConfig config = new ReactConfig(service, answers, sessionsPerHour, askShare, speed,
                Duration.ofMinutes(maxLeadMinutes), Duration.ofMinutes(tailMinutes), zone, ReactionModel.DEFAULT, seed);
        System.out.println(Reacting.toTopic(tastes, config, bootstrap, topic, a -> { }).describe());
        return 0;
    }
}
