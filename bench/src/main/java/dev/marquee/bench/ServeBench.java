package dev.marquee.bench;

import dev.marquee.events.LogTimes;
import dev.marquee.serving.Lease;
import dev.marquee.serving.RecommendApp;
import dev.marquee.serving.ServingMetrics;
import dev.marquee.serving.Telemetry;
import dev.marquee.serving.VersionManager;
import dev.marquee.serving.fresh.FreshAnswers;
import dev.marquee.serving.fresh.FreshSets;
import dev.marquee.serving.fresh.VersionCut;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import dev.marquee.store.StoreWriter;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How close the service comes to the machine's limit: builds a store of {@code users} x 20 movies
 * and 10 spares (slugs from a 27,000-movie catalogue), starts the real service on it (fresh answers
 * on, one user in a hundred with a fresh movie in their list, ADR 11) and, beside it in a JVM of
 * its own with the same flags, the same server answering a constant string of the same size
 * ({@code RecommendApp.createConstant}), warms both, and drives both with wrk from 127.0.0.1
 * (random known users, and one request in ten for an unknown user), alternating rounds so both
 * see the same machine. Prints throughput and p50/p99/p99.9 latency of each round and of all
 * rounds together (requests over seconds, the worst round's percentiles); the last line is
 * {@code ratio=<store throughput / constant throughput> p99_ms=<store p99> p99_vs_constant=<store p99 / constant p99>}.
 *
 * <p>Arguments: {@code [users=1000000] [seconds per round=15] [connections=32] [rounds=2] [workDir=var/bench-serve]}.
 */
public final class ServeBench {
    private static final Pattern RESULT = Pattern.compile(
            "RESULT requests=(\\d+) seconds=([\\d.]+) p50_us=(\\d+) p99_us=(\\d+) p999_us=(\\d+) errors=(\\d+) non2xx=(\\d+)");

    private static final String CONSTANT_SERVER = "--constant-server";
    /** Spare movies stored after each list (batch's default recommend.spares). */
    private static final int SPARES = 10;
    /** One user in this many has a fresh movie in their list. */
    private static final int FRESH_EVERY = 100;

    private ServeBench() {}

    /** One wrk round's figures. */
    record Round(long requests, double seconds, long p50Us, long p99Us, long p999Us, long errors, long non2xx) {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(CONSTANT_SERVER)) {
            constantServer(Path.of(args[1]));
            return;
        }
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path work = Path.of(args.length > 4 ? args[4] : "var/bench-serve");
        StoreLayout layout = new StoreLayout(work.resolve("store"));
        if (layout.current().isEmpty() || Manifest.read(layout.versionDir(layout.current().get())
                .resolve(Manifest.FILE_NAME)).formatVersion() != Manifest.FORMAT_VERSION) {
            // A store kept from before the current format (no spares) is built again beside it.
            String versionId = layout.nextVersionId();
            long t0 = System.nanoTime();
            int bodyBytes = build(layout, versionId, users);
            layout.promote(versionId);
            System.out.printf("store: %d users x 20 movies + %d spares written in %.1f s, %d MB on disk, mean answer %d"
                    + " bytes%n", users, SPARES, (System.nanoTime() - t0) / 1e9, size(layout.versionDir(versionId)) >> 20,
                    bodyBytes / users);
        }
        long t1 = System.nanoTime();
        try (VersionManager versions = new VersionManager(layout, Duration.ofSeconds(1))) {
            versions.start();
            ServingMetrics metrics = new ServingMetrics(versions);
            Javalin store = new RecommendApp(versions, metrics, Telemetry.OFF, freshAnswers(versions, users, metrics))
                    .create().start("127.0.0.1", 0);
            System.out.printf("service ready on a %d-user store in %d ms (open + verify checksums + start HTTP)%n",
                    users, (System.nanoTime() - t1) / 1_000_000);
            // The constant server runs in a JVM of its own, with the same flags: in one JVM the two
            // would share (and deoptimise) each other's compiled Jetty code.
            Process constant = startConstantServer(work);
            try {
                Path lua = work.resolve("random-users.lua");
                Files.writeString(lua, lua(users));
                // Warm both before measuring: under load C2 keeps compiling for 20-30 s (measured with
                // perf: a fifth of the CPU in the first 10 s), which would slow whichever runs first.
                int warmup = Math.max(30, seconds);
                System.out.printf("warming up: %d s each%n", warmup);
                wrk(store.port(), lua, warmup, connections);
                wrk(constantPort(work), lua, warmup, connections);
                List<Round> storeRounds = new ArrayList<>();
                List<Round> constantRounds = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    storeRounds.add(print("store   ", wrk(store.port(), lua, seconds, connections)));
                    constantRounds.add(print("constant", wrk(constantPort(work), lua, seconds, connections)));
                }
                Round s = total(storeRounds);
                Round c = total(constantRounds);
                print("store    all rounds", s);
                print("constant all rounds", c);
                System.out.printf("cores=%d wrk: 1 thread, %d connections, %d s rounds, %d of each (throughput over all"
                        + " rounds, the worst round's percentiles)%n",
                        Runtime.getRuntime().availableProcessors(), connections, seconds, rounds);
                System.out.printf("ratio=%.3f p99_ms=%.2f p99_vs_constant=%.2f%n", rps(s) / rps(c), s.p99Us() / 1000.0,
                        (double) s.p99Us() / Math.max(1, c.p99Us()));
            } finally {
                constant.destroy();
                constant.waitFor();
                store.stop();
            }
        }
    }

    /**
     * Fresh answers as the service runs them, with one user in {@value #FRESH_EVERY} having watched
     * the third movie of their list since the version was cut: those answers are rewritten without
     * it (the spares fill in), every other one is the stored body.
     */
    private static FreshAnswers freshAnswers(VersionManager versions, int users, ServingMetrics metrics) {
        FreshSets sets = new FreshSets(users / FRESH_EVERY + 1, 50);
        long now = VersionCut.wallMillis(LogTimes.wallTime(Instant.now(), ZoneOffset.UTC));
        try (Lease lease = versions.acquire()) {
            StoreReader reader = lease.reader();
            for (long user = 1; user <= users; user += FRESH_EVERY) {
                sets.add(user, reader.ids(reader.get(user)).get(2), now);
            }
        }
        System.out.printf("fresh answers: %d users (one in %d) watched a movie of their list since the cut%n",
                sets.users(), FRESH_EVERY);
        return new FreshAnswers(sets, ZoneOffset.UTC, metrics.registry());
    }

    /** Starts {@link #constantServer} in a child JVM with this JVM's flags and class path; returns once it listens. */
    private static Process startConstantServer(Path work) throws IOException, InterruptedException {
        Path portFile = work.resolve("constant.port");
        Files.deleteIfExists(portFile);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServeBench.class.getName(), CONSTANT_SERVER,
                portFile.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("constant-server.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(portFile)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("the constant server did not start; see " + work.resolve("constant-server.log"));
            }
            Thread.sleep(50);
        }
        return p;
    }

    private static int constantPort(Path work) throws IOException {
        return Integer.parseInt(Files.readString(work.resolve("constant.port")).trim());
    }

    /** The child JVM: the service's HTTP stack answering a constant body of a typical size; writes its port, runs until killed. */
    private static void constantServer(Path portFile) throws Exception {
        byte[] body = String.join(",", catalogueSample(20)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StoreLayout unused = new StoreLayout(portFile.toAbsolutePath().getParent().resolve("constant-store"));
        Javalin app = new RecommendApp(new VersionManager(unused, Duration.ofHours(1))).createConstant(body)
                .start("127.0.0.1", 0);
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(app.port()));
        Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }

    /** Writes the store; returns the total bytes of the answers. */
    private static int build(StoreLayout layout, String versionId, int users) {
        List<String> catalogue = catalogueSample(27_000);
        Random random = new Random(42);
        long bytes = 0;
        try (StoreWriter w = StoreWriter.create(layout, versionId)) {
            for (long user = 1; user <= users; user++) {
                List<String> movies = new ArrayList<>(20 + SPARES);
                while (movies.size() < 20 + SPARES) {
                    String m = catalogue.get(random.nextInt(catalogue.size()));
                    if (!movies.contains(m)) {
                        movies.add(m);
                    }
                }
                bytes += String.join(",", movies.subList(0, 20)).length();
                w.put(user, movies, null, 20);
                if (user % 200_000 == 0) {
                    System.out.printf("  %,d users written%n", user);
                }
            }
            w.coldStart(catalogue.subList(0, 20 + SPARES), null, 20);
            w.publish(Map.of("bench", "serve"));
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** Movie slugs shaped like the platform's ({@code title+words+year}), deterministic. */
    private static List<String> catalogueSample(int count) {
        String[] words = {"the", "night", "river", "last", "king", "city", "love", "war", "star", "dark", "house", "blue",
            "road", "secret", "summer", "ghost", "iron", "wild", "lost", "golden"};
        Random random = new Random(7);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder slug = new StringBuilder();
            for (int w = 0, n = 1 + random.nextInt(3); w < n; w++) {
                slug.append(words[random.nextInt(words.length)]).append('+');
            }
            out.add(slug.append(1930 + random.nextInt(95)).append(i % 10 == 0 ? "" : "+" + i).toString());
        }
        return out;
    }

    private static String lua(int users) {
        return """
                math.randomseed(12345)
                request = function()
                  local id
                  if math.random() < 0.9 then id = math.random(1, %d) else id = math.random(%d, %d) end
                  return wrk.format("GET", "/recommend/" .. id)
                end
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("RESULT requests=%%d seconds=%%.3f p50_us=%%d p99_us=%%d p999_us=%%d errors=%%d non2xx=%%d\\n",
                    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
                    latency:percentile(99.9), e.connect + e.read + e.write + e.timeout, e.status))
                end
                """.formatted(users, users + 1, 2 * users);
    }

    private static Round wrk(int port, Path lua, int seconds, int connections) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout", "2s",
                "-s", lua.toString(), "http://127.0.0.1:" + port).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Matcher m = RESULT.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no RESULT line in wrk's output: " + out);
        }
        return new Round(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                Long.parseLong(m.group(7)));
    }

    private static Round print(String label, Round r) {
        System.out.printf("%s rps=%.0f p50_ms=%.3f p99_ms=%.3f p99.9_ms=%.3f errors=%d non2xx=%d%n", label, rps(r),
                r.p50Us() / 1000.0, r.p99Us() / 1000.0, r.p999Us() / 1000.0, r.errors(), r.non2xx());
        if (r.errors() > 0 || r.non2xx() > 0) {
            throw new IllegalStateException(label.trim() + ": " + r.errors() + " errors, " + r.non2xx() + " non-2xx answers");
        }
        return r;
    }

    /** All rounds together: requests and seconds summed, the worst round's percentiles. */
    private static Round total(List<Round> rounds) {
        return new Round(rounds.stream().mapToLong(Round::requests).sum(),
                rounds.stream().mapToDouble(Round::seconds).sum(),
                rounds.stream().mapToLong(Round::p50Us).max().orElseThrow(),
                rounds.stream().mapToLong(Round::p99Us).max().orElseThrow(),
                rounds.stream().mapToLong(Round::p999Us).max().orElseThrow(),
                rounds.stream().mapToLong(Round::errors).sum(), rounds.stream().mapToLong(Round::non2xx).sum());
    }

    private static double rps(Round r) {
        return r.requests() / r.seconds();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
