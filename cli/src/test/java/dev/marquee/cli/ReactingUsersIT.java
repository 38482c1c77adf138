package dev.marquee.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.devkit.replay.Movie;
import dev.marquee.devkit.sim.ReactConfig;
import dev.marquee.devkit.sim.Reacting;
import dev.marquee.devkit.sim.ServiceAnswer;
import dev.marquee.devkit.sim.SimConfig;
import dev.marquee.devkit.sim.Simulator;
import dev.marquee.devkit.sim.World;
import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RecommendationEvent;
import dev.marquee.events.WatchEvent;
import dev.marquee.serving.ArmSplit;
import dev.marquee.serving.Service;
import dev.marquee.serving.ServingConfig;
import dev.marquee.serving.TelemetryConfig;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreWriter;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.KafkaExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Simulated users who react, against the real service over TCP and a real broker: one store version whose main
 * lists are 20 random movies per user and whose {@code candidate} arm holds each user's 20 favourites by the world's
 * true tastes, served with {@code candidate=0.5}. After a few thousand answers, the hit rate per arm (from the log
 * lines the users produced, joined with the arm each JSON answer named) puts the candidate clearly ahead. The same
 * users run from {@code marquee simulate --react} too.
 */
class ReactingUsersIT {
    private static final String TOPIC = "movielog";
    private static final int USERS = 2_000;
    private static final int ANSWERS = 3_000;
    private static final long WINDOW_MS = Duration.ofMinutes(30).toMillis();

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    @TempDir
    Path root;

    @Test
    void theArmBuiltFromTheTrueTastesWinsOnline() throws Exception {
        World world = Simulator.create(SimConfig.of(USERS, 400, 1_000)).world();
        StoreLayout layout = new StoreLayout(root.resolve("store"));
        writeVersion(layout, world);
        KAFKA.broker().createTopic(TOPIC, 2);
        try (Service service = Service.start(new ServingConfig("127.0.0.1", 0, layout.root(), Duration.ofMillis(100),
                Duration.ZERO, Duration.ofSeconds(5), new TelemetryConfig(true, KAFKA.bootstrapServers(), TOPIC, 10_000,
                        Duration.ofMillis(500)), ArmSplit.parse("candidate=0.5", "react-it")))) {
            Await.until("the version opens", () -> service.versions().openVersion().equals(Optional.of("v000001")));
            List<ServiceAnswer> answers = Collections.synchronizedList(new ArrayList<>());
            ReactConfig config = ReactConfig.of(URI.create("http://127.0.0.1:" + service.port()), ANSWERS).unpaced()
                    .withAskShare(0.9);
            Reacting.Report report = Reacting.toTopic(world, config, KAFKA.bootstrapServers(), TOPIC, answers::add);
            assertEquals(ANSWERS, answers.size());
            assertEquals(0, report.totals().failedAnswers(), report.describe());

            List<Event> events = new ArrayList<>();
            for (String line : KAFKA.readLines(TOPIC, (int) report.totals().lines() + ANSWERS)) {
                events.add(assertInstanceOf(Parsed.class, EventParser.parse(line), line).event());
            }
            assertEquals(ANSWERS, events.stream().filter(e -> e instanceof RecommendationEvent).count(),
                    "the service logged each answer itself; the users wrote none");
            assertEquals(report.totals().lines(), events.size() - ANSWERS);

            Map<String, int[]> byArm = hitsByArm(answers, events);
            double main = rate(byArm.get("main"));
            double candidate = rate(byArm.get("candidate"));
            System.out.printf("%s%nhit rate from the log: candidate %.3f, main %.3f%n", report.describe(), candidate, main);
            // users split half and half; answers follow the users' heavy-tailed activity
            assertTrue(byArm.get("candidate")[0] > ANSWERS / 3 && byArm.get("main")[0] > ANSWERS / 3, "both arms answer");
            assertTrue(candidate > main + 0.3, "hit rate candidate " + candidate + " vs main " + main);
            assertTrue(zScore(byArm.get("candidate"), byArm.get("main")) > 10, "clearly significant");
            report.totals().reactionsByArm().forEach((arm, picks) -> assertTrue(byArm.get(arm)[1] >= picks,
                    "every pick of arm " + arm + " is in the log: " + picks + " picks, " + byArm.get(arm)[1] + " hits"));

            // the same users from the command line (its default platform options draw the same world)
            KAFKA.broker().createTopic("cli-react", 1);
            int exit = new CommandLine(new Marquee()).execute("simulate", "--react", "--users", "" + USERS,
                    "--movies", "400", "--events", "1000", "--service", "http://127.0.0.1:" + service.port(),
                    "--bootstrap", KAFKA.bootstrapServers(), "--topic", "cli-react", "--answers", "200",
                    "--speed", "Infinity", "--ask-share", "1");
            assertEquals(0, exit);
            assertTrue(KAFKA.readLines("cli-react", 200).size() >= 200, "at least a start per answer");
            assertEquals(2, new CommandLine(new Marquee()).execute("simulate", "--react", "--out", root.toString()),
                    "reacting users write to a topic only");
        }
    }

    /** Main: 20 random movies per user; candidate: the user's 20 best by expected rating. */
    private static void writeVersion(StoreLayout layout, World world) {
        List<String> slugs = world.catalogue().movies().stream().map(Movie::slug).toList();
        Random rnd = new Random(11);
        try (StoreWriter w = StoreWriter.create(layout, layout.nextVersionId())) {
            w.coldStart(slugs.subList(0, 20));
            for (long u = 1; u <= USERS; u++) {
                List<String> shuffled = new ArrayList<>(slugs);
                Collections.shuffle(shuffled, rnd);
                w.put(u, shuffled.subList(0, 20), null);
                long user = u;
                w.putArm("candidate", u, slugs.stream()
                        .sorted(Comparator.comparingDouble((String s) -> -world.expectedRating(user, s)))
                        .limit(20).toList(), null);
            }
            layout.promote(w.publish(Map.of()).versionId());
        }
    }

    /**
     * Per arm named in the answers: {answers, hits}; a hit is the same user starting (watch minute 0) a movie the
     * answer showed within 30 minutes after it. (Minutes of a movie begun before, still playing, do not count: a
     * user asking again gets the same list and would otherwise "hit" with the movie they were already watching.)
     */
    private static Map<String, int[]> hitsByArm(List<ServiceAnswer> answers, List<Event> events) {
        Map<Long, List<WatchEvent>> byUser = new HashMap<>();
        for (Event e : events) {
            if (e instanceof WatchEvent w && w.minute() == 0) {
                byUser.computeIfAbsent(w.userId(), k -> new ArrayList<>()).add(w);
            }
        }
        Map<String, int[]> out = new HashMap<>();
        for (ServiceAnswer a : answers) {
            int[] counts = out.computeIfAbsent(a.arm(), k -> new int[2]);
            counts[0]++;
            boolean hit = byUser.getOrDefault(a.user(), List.of()).stream().anyMatch(w -> {
                long t = w.time().toInstant(ZoneOffset.UTC).toEpochMilli();
                return t >= a.timeMs() && t < a.timeMs() + WINDOW_MS && a.items().contains(w.movieId());
            });
            counts[1] += hit ? 1 : 0;
        }
        return out;
    }

    private static double rate(int[] counts) {
        return counts[1] / (double) counts[0];
    }

    /** Two-proportion z statistic of a over b. */
    private static double zScore(int[] a, int[] b) {
        double pooled = (a[1] + b[1]) / (double) (a[0] + b[0]);
        return (rate(a) - rate(b)) / Math.sqrt(pooled * (1 - pooled) * (1.0 / a[0] + 1.0 / b[0]));
    }
}
