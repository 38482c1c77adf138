package dev.marquee.apps.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.serving.RecommendApp;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.Http;
import dev.marquee.testkit.StoreFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ServeMain as a real child process, stopped with {@link ProcessHandle#destroy}
 * (SIGTERM) under load: readiness goes 503 first, requests keep being answered during the grace, then the port closes
 * and the process exits after closing the store.
 */
class GracefulShutdownIT {

    private static final Pattern SERVING_ON = Pattern.compile("serving on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path root;

    @Test
    void sigtermTurnsReadinessOffThenDrainsThenClosesThePort() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        StoreFixture.publishAndPromote(layout, "v000001", 50);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dmarquee.serving.host=127.0.0.1", "-Dmarquee.serving.port=0",
                "-Dmarquee.serving.store-root=" + root, "-Dmarquee.serving.poll-interval=100ms",
                "-Dmarquee.serving.drain-grace=1500ms", "-Dmarquee.serving.stop-timeout=5s",
                "-Dmarquee.serving.telemetry.enabled=false", ServeMain.class.getName())
                .redirectErrorStream(true).start();
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    log.add(line);
                    Matcher m = SERVING_ON.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new AssertionError("child exited before serving: " + log));
        });
        reader.start();
        try {
            int httpPort = port.get(60, TimeUnit.SECONDS);
            assertTrue(Http.rawGet(httpPort, "/readyz").endsWith("ready v000001"));

            AtomicLong drainingSeenAt = new AtomicLong();
            AtomicLong refusedAt = new AtomicLong();
            AtomicInteger okDuringDrain = new AtomicInteger();
            AtomicInteger stoppingSeen = new AtomicInteger();
            AtomicInteger ok = new AtomicInteger();
            List<String> failures = new CopyOnWriteArrayList<>();
            // Readiness monitor (the endpoints controller's role): polls until the port is closed.
            Thread monitor = new Thread(() -> {
                while (refusedAt.get() == 0) {
                    try {
                        String r = Http.rawGet(httpPort, "/readyz");
                        if (r.isEmpty() && drainingSeenAt.get() != 0) {
                            // Accepted by the kernel but closed unanswered as the connector shut: the port is closing.
                            refusedAt.compareAndSet(0, System.nanoTime());
                        } else if (r.startsWith("HTTP/1.1 503") && r.endsWith(RecommendApp.DRAINING)) {
                            drainingSeenAt.compareAndSet(0, System.nanoTime());
                        } else if (r.startsWith("HTTP/1.1 503") && drainingSeenAt.get() != 0) {
                            // After the grace Jetty stops gracefully: new requests get its own 503 until the
                            // connector closes. Still "not ready", which is all a readiness probe needs.
                            stoppingSeen.incrementAndGet();
                        } else if (!r.startsWith("HTTP/1.1 200")) {
                            failures.add("readyz: " + r);
                        }
                    } catch (ConnectException e) {
                        refusedAt.compareAndSet(0, System.nanoTime());
                    } catch (IOException e) {
                        failures.add("readyz: " + e);
                    }
                    sleep(10);
                }
            });
            monitor.start();
            // Clients keep sending until readiness has been off for 500 ms (well inside the 1.5 s grace),
            // as a load balancer would stop sending once the pod leaves the endpoints.
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                Thread c = new Thread(() -> {
                    for (int i = offset; ; i += 4) {
                        long seen = drainingSeenAt.get();
                        if (seen != 0 && System.nanoTime() - seen > TimeUnit.MILLISECONDS.toNanos(500)) {
                            return;
                        }
                        try {
                            String r = Http.rawGet(httpPort, "/recommend/" + (i % 120));
                            if (r.startsWith("HTTP/1.1 200")) {
                                ok.incrementAndGet();
                                if (seen != 0) {
                                    okDuringDrain.incrementAndGet();
                                }
                            } else {
                                failures.add(r);
                            }
                        } catch (IOException e) {
                            failures.add("recommend: " + e);
                            return;
                        }
                    }
                });
                c.start();
                clients.add(c);
            }
            Await.until("load running", () -> ok.get() > 100);
            // SIGTERM via the handle: Process.destroy() would also close our end of the child's stdout.
            assertTrue(p.toHandle().destroy(), "SIGTERM sent");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child exits after SIGTERM");
            for (Thread c : clients) {
                c.join(10_000);
            }
            monitor.join(10_000);
            reader.join(10_000);

            assertEquals(List.of(), failures, "no request failed while draining");
            assertTrue(drainingSeenAt.get() != 0, "readiness turned 503 draining");
            assertTrue(refusedAt.get() != 0, "the port closed");
            assertTrue(drainingSeenAt.get() < refusedAt.get(), "readiness went 503 before the port closed");
            assertTrue(okDuringDrain.get() > 0, "requests were answered 200 while draining");
            String all = String.join("\n", log);
            Files.writeString(Path.of("target", "graceful-shutdown-child.log"), all + "\n");
            int shutting = all.indexOf("shutting down");
            int closed = all.indexOf("closed store version v000001");
            int stopped = all.indexOf("Service - stopped");
            assertTrue(all.contains("start-up to ready"), all);
            assertTrue(shutting >= 0 && closed > shutting && stopped > closed, "order: shutting down, store closed, stopped\n" + all);
        } finally {
            p.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
