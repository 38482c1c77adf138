package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreWriter;
import dev.marquee.testkit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten version swaps while clients send requests without pause, over TCP: every answer is a 200
 * whose whole list comes from one version, and no client ever sees an older version after a
 * newer one.
 */
class ZeroDowntimeSwapIT {

    private static final int USERS = 2_000;
    private static final int SWAPS = 10;
    private static final int CLIENTS = 4;

    @TempDir
    Path root;

    private TestServer server;

    @BeforeEach
    void start() {
        StoreLayout layout = new StoreLayout(root);
        publish(layout, "v000001");
        layout.promote("v000001");
        server = TestServer.start(layout, Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Every movie id carries its version: a list mixing two versions is detectable. */
    private static List<String> movies(String versionId, long user) {
        List<String> movies = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            movies.add("m" + (user * 31 + k) % 997 + "+" + versionId);
        }
        return movies;
    }

    /** Users 1..USERS; unknown users (above USERS) get the version's cold-start list. */
    private static void publish(StoreLayout layout, String versionId) {
        try (StoreWriter w = StoreWriter.create(layout, versionId)) {
            for (long user = 1; user <= USERS; user++) {
                w.put(user, movies(versionId, user));
            }
            w.coldStart(movies(versionId, 0));
            w.publish(Map.of("test", "zero-downtime"));
        }
    }

    @Test
    void tenSwapsUnderContinuousLoadFailNoRequestAndMixNoAnswer() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(() -> drive(running, answered, failures, versionsSeen), "client-" + c);
            t.start();
            clients.add(t);
        }
        // The first version serves some requests too.
        Await.until("200 answers from the first version", () -> answered.get() >= 200 || !failures.isEmpty());
        for (int n = 2; n <= SWAPS + 1; n++) {
            String versionId = String.format("v%06d", n);
            long before = answered.get();
            publish(server.layout(), versionId);
            server.layout().promote(versionId);
            server.awaitVersion(versionId);
            // Let requests reach the new version before the next swap.
            Await.until("200 answers from " + versionId, () -> answered.get() >= before + 200 || !failures.isEmpty());
        }
        running.set(false);
        for (Thread t : clients) {
            t.join(10_000);
        }
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), "failed or mixed answers");
        assertTrue(answered.get() >= 2_000, "requests answered: " + answered.get());
        assertEquals(SWAPS + 1, versionsSeen.size(), "every version served some request: " + versionsSeen);
    }

    private void drive(AtomicBoolean running, AtomicLong answered, List<String> failures, Set<String> versionsSeen) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicReference<Integer> lastVersion = new AtomicReference<>(0);
        while (running.get()) {
            long user = ThreadLocalRandom.current().nextLong(1, USERS + 200);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/recommend/" + user))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                String problem = check(r, user, lastVersion);
                if (problem != null) {
                    failures.add(problem);
                } else {
                    versionsSeen.add(r.body().substring(r.body().indexOf('+') + 1, r.body().indexOf(',')));
                }
                answered.incrementAndGet();
            } catch (Exception e) {
                failures.add("user " + user + ": " + e);
            }
        }
    }

    /** Null if {@code r} is a whole, current answer; otherwise what is wrong with it. */
    private static String check(HttpResponse<String> r, long user, AtomicReference<Integer> lastVersion) {
        if (r.statusCode() != 200) {
            return "user " + user + ": status " + r.statusCode() + " " + r.body();
        }
        String body = r.body();
        String versionId = body.substring(body.indexOf('+') + 1, body.indexOf(','));
        List<String> expected = movies(versionId, user <= USERS ? user : 0);
        if (!body.equals(String.join(",", expected))) {
            return "user " + user + ": mixed or wrong answer " + body;
        }
        int number = Integer.parseInt(versionId.substring(1));
        if (number < lastVersion.get()) {
            return "user " + user + ": went back from v" + lastVersion.get() + " to " + versionId;
        }
        lastVersion.set(number);
        return null;
    }
}
