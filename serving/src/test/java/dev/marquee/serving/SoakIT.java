package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.store.Housekeeping;
import dev.marquee.store.StoreException;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.Http;
import dev.marquee.testkit.StoreFixture;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service under continuous load while versions are promoted and rolled back every second and
 * the telemetry broker is restarted: zero non-200 answers, zero mixed answers (every body is one
 * version's list for that user, whole), heap flat. 20 s here; {@code bench/soak} runs it for longer
 * ({@code -Dmarquee.soak.seconds}).
 */
class SoakIT {

    private static final String TOPIC = "movielog";
    private static final List<String> VERSIONS = List.of("v000001", "v000002", "v000003");
    private static final int USERS = 50;

    @TempDir
    Path dir;

    @Test
    void loadWhileVersionsSwapAndTheBrokerRestarts() throws Exception {
        long seconds = Long.getLong("marquee.soak.seconds", 20);
        StoreLayout layout = new StoreLayout(dir.resolve("store"));
        for (String v : VERSIONS) {
            StoreFixture.publishAndPromote(layout, v, USERS);
        }
        layout.promote("v000001");
        // Every answer a user may get: one version's list, whole, or the cold-start list.
        Map<Long, Set<String>> allowed = new ConcurrentHashMap<>();
        for (long id = 0; id < 2L * USERS + 2; id++) {
            Set<String> bodies = new HashSet<>();
            for (String v : VERSIONS) {
                bodies.add(id % 2 == 1 && id < 2L * USERS ? String.join(",", StoreFixture.moviesOf(v, id))
                        : String.join(",", StoreFixture.COLD_START));
            }
            allowed.put(id, bodies);
        }
        int port = LocalKafka.freePort();
        Path kafkaDir = dir.resolve("kafka");
        LocalKafka[] kafka = {LocalKafka.start(kafkaDir, port)};
        kafka[0].createTopic(TOPIC, 1);
        ServingConfig config = new ServingConfig("127.0.0.1", 0, layout.root(), Duration.ofMillis(50), Duration.ZERO,
                Duration.ofSeconds(5), new TelemetryConfig(true, kafka[0].bootstrapServers(), TOPIC, 10_000,
                        Duration.ofMillis(100)));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ok = new AtomicLong();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Service service = Service.start(config)) {
            Await.until("v000001 open", () -> service.versions().openVersion().equals(java.util.Optional.of("v000001")));
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                Thread c = new Thread(() -> {
                    for (long i = offset; !stop.get(); i += 4) {
                        long id = i % (2L * USERS + 2);
                        try {
                            HttpResponse<String> r = Http.get(service.port(), "/recommend/" + id);
                            if (r.statusCode() != 200) {
                                failures.add(id + " -> " + r.statusCode() + " " + r.body());
                            } else if (!allowed.get(id).contains(r.body())) {
                                failures.add(id + " -> mixed or wrong answer: " + r.body());
                            } else {
                                ok.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.add(id + " -> " + e);
                        }
                    }
                }, "soak-client-" + t);
                c.start();
                clients.add(c);
            }
            Await.until("load running", () -> ok.get() > 500);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long heapAtStart = memory.getHeapMemoryUsage().getUsed();
            long swaps = 0;
            long restarts = 0;
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            for (int tick = 1; System.nanoTime() < end; tick++) {
                if (tick % 3 == 0) {
                    try {
                        Housekeeping.rollback(layout);
                    } catch (StoreException e) {
                        layout.promote(VERSIONS.get(tick % VERSIONS.size())); // nothing below the live one
                    }
                } else {
                    layout.promote(VERSIONS.get(tick % VERSIONS.size()));
                }
                swaps++;
                if (tick % 8 == 0) {
                    kafka[0].close();
                    Thread.sleep(300);
                    kafka[0] = LocalKafka.start(kafkaDir, port);
                    restarts++;
                }
                Thread.sleep(1000);
            }
            stop.set(true);
            for (Thread c : clients) {
                c.join(10_000);
            }
            System.gc();
            long heapAtEnd = memory.getHeapMemoryUsage().getUsed();
            System.out.printf("soak: %d s, %d answers, %d swaps, %d broker restarts, heap %d -> %d MB, sent %.0f, dropped %.0f%n",
                    seconds, ok.get(), swaps, restarts, heapAtStart >> 20, heapAtEnd >> 20,
                    service.metrics().registry().get("marquee.telemetry.sent").counter().count(),
                    service.metrics().registry().get("marquee.telemetry.dropped").counter().count());
            assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
            assertTrue(swaps >= seconds / 2, "versions kept swapping: " + swaps);
            assertTrue(ok.get() > 1000, "answers: " + ok.get());
            assertTrue(heapAtEnd < heapAtStart + (96L << 20), "heap flat: " + (heapAtStart >> 20) + " -> " + (heapAtEnd >> 20) + " MB");
            assertTrue(service.metrics().registry().get("marquee.store.swaps").counter().count() >= swaps / 2,
                    "the service followed the swaps");
        } finally {
            stop.set(true);
            kafka[0].close();
        }
    }
}
