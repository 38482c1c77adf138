package dev.marquee.devkit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.marquee.devkit.replay.Movie;
import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reacting users against a small HTTP service on 127.0.0.1 (the JDK's server, not Marquee's): odd users get their
 * 20 favourite movies (arm "good"), even users their 20 least liked (arm "bad").
 */
class ReactingLogTest {

    private static final World WORLD = Simulator.create(SimConfig.of(400, 300, 1_000)).world();

    private HttpServer server;
    /** Per user, the real time of the service's latest answer to them. */
    private final Map<Long, Long> answeredAt = new ConcurrentHashMap<>();

    @BeforeEach
    void startService() throws IOException {
        // the JDK's server writes headers and body apart: without this, each answer waits for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/recommend/", exchange -> {
            long user = Long.parseLong(exchange.getRequestURI().getPath().substring("/recommend/".length()));
            answeredAt.put(user, System.currentTimeMillis());
            boolean good = user % 2 == 1;
            List<String> ranked = ranked(user);
            List<String> items = good ? ranked.subList(0, 20) : ranked.subList(ranked.size() - 20, ranked.size());
            String body = "{\"user\":" + user + ",\"items\":[\"" + String.join("\",\"", items)
                    + "\"],\"version\":\"v000001\",\"arm\":\"" + (good ? "good" : "bad") + "\",\"coldStart\":false}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopService() {
        server.stop(0);
    }

    private static List<String> ranked(long user) {
        return WORLD.catalogue().movies().stream().map(Movie::slug)
                .sorted(Comparator.comparingDouble((String s) -> -WORLD.expectedRating(user, s))).toList();
    }

    private URI service() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void usersReactToWhatTheyAreShownAfterTheyAreShownItAndLikeBetterListsMore() {
        List<ServiceAnswer> answers = new ArrayList<>();
        ReactConfig config = ReactConfig.of(service(), 600).unpaced().withAskShare(0.8);
        ReactingLog log = new ReactingLog(WORLD, config, a -> {
            assertTrue(a.timeMs() >= answeredAt.get(a.user()), "counted as answered after the service answered");
            answers.add(a);
        });
        List<Event> events = new ArrayList<>();
        while (log.hasNext()) {
            events.add(assertInstanceOf(Parsed.class, EventParser.parse(log.next())).event());
        }
        ReactTotals totals = log.totals();
        assertEquals(600, answers.size());
        assertEquals(600, totals.answers());
        assertEquals(0, totals.failedAnswers());
        assertEquals(events.size(), totals.lines());
        assertEquals(totals.lines(), totals.watches() + totals.ratings());
        assertTrue(totals.sessions() > 600, "a fifth of the sessions are organic: " + totals.sessions());
        for (int i = 1; i < events.size(); i++) {
            assertFalse(events.get(i).time().isBefore(events.get(i - 1).time()), "in time order at line " + i);
        }
        long reactions = 0;
        for (ServiceAnswer a : answers) {
            if (a.picked() < 0) {
                continue;
            }
            reactions++;
            assertTrue(events.stream().anyMatch(e -> e instanceof WatchEvent w && w.userId() == a.user()
                    && w.movieId().equals(a.pickedItem()) && w.minute() == 0
                    && w.time().toInstant(ZoneOffset.UTC).toEpochMilli() > a.timeMs()),
                    "the pick of " + a + " is watched from its first minute after the answer");
        }
        assertEquals(reactions, totals.reactions());
        assertTrue(events.stream().anyMatch(e -> e instanceof RateEvent), "some sessions end with a rating");
        Map<String, Double> rate = totals.reactionRateByArm();
        assertTrue(rate.get("good") > 0.8 && rate.get("bad") < 0.2, "reaction rates by arm: " + rate);
    }

    @Test
    void theModelTakesLikedMoviesNearTheTopMoreOften() {
        ReactionModel model = ReactionModel.DEFAULT;
        assertEquals(0.5, model.probability(model.midpoint(), 0), 1e-12);
        assertTrue(model.probability(4.5, 0) > model.probability(3.0, 0));
        assertTrue(model.probability(4.5, 0) > model.probability(4.5, 5));
        Random rnd = new Random(7);
        int taken = 0;
        for (int i = 0; i < 1000; i++) {
            taken += model.choose(new double[] {Double.NaN, Double.NaN}, rnd) >= 0 ? 1 : 0;
        }
        assertEquals(0, taken, "a movie the world does not know is never taken");
    }

    @Test
    void anAbsentServiceStopsTheRunWithAReason() {
        URI nobody = service();
        server.stop(0);
        ReactingLog log = new ReactingLog(WORLD, ReactConfig.of(nobody, 1000).unpaced().withAskShare(1), a -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> log.forEachRemaining(line -> { }));
        assertTrue(e.getMessage().contains("gave none of the first 50 answers"), e.getMessage());
    }
}
