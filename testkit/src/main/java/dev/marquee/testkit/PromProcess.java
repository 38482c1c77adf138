package dev.marquee.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server or Pushgateway (Debian's {@code prometheus} and {@code prometheus-pushgateway}
 * packages) started by a test on 127.0.0.1 with a free port, its files in a folder of the test's, and
 * stopped by its pid in {@link #close()}. Tests that need a binary look it up with {@link #binary} and
 * skip (a JUnit assumption) when it is absent; where it is present, they run.
 */
public final class PromProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private PromProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The first of {@code names} that is an executable on the PATH (or in /usr/bin, /usr/local/bin),
     * e.g. {@code binary("prometheus-pushgateway", "pushgateway")}: Debian's name, then upstream's.
     * System property {@code marquee.prometheus=none} acts as if there were none (to see the skips).
     */
    public static Optional<Path> binary(String... names) {
        if ("none".equals(System.getProperty("marquee.prometheus"))) {
            return Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
        for (String name : names) {
            for (String dir : path.split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts Prometheus with {@code config} (the text of a prometheus.yml) written to {@code dir}, its
     * TSDB in {@code dir/data}, listening on a free port of 127.0.0.1; returns once it is ready.
     */
    public static PromProcess prometheus(Path binary, Path dir, String config) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        int port = freePort();
        return start("prometheus", dir, port, List.of(binary.toString(), "--config.file=" + file,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle", "--log.level=warn"));
    }

    /**
     * Starts a Pushgateway on a free port of 127.0.0.1, persisting into {@code dir} (Debian's build
     * persists into /var/lib/prometheus by default, which would carry groups from one test to the next);
     * returns once it is ready.
     */
    public static PromProcess pushgateway(Path binary, Path dir) throws Exception {
        int port = freePort();
        return start("pushgateway", dir, port, List.of(binary.toString(),
                "--web.listen-address=127.0.0.1:" + port, "--persistence.file=" + dir.resolve("pushgateway.data"),
                "--log.level=warn"));
    }

    private static PromProcess start(String name, Path dir, int port, List<String> command) throws Exception {
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PromProcess running = new PromProcess(name, p, port, log);
        try {
            Await.until(name + " ready on port " + port, Duration.ofSeconds(30), () -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException(name + " exited " + p.exitValue() + ": " + running.logText());
                }
                try {
                    return Http.get(port, "/-/ready").statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (Throwable t) {
            running.close();
            throw t;
        }
        return running;
    }

    /** The port it listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** Its base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Its process id. */
    public long pid() {
        return process.pid();
    }

    /** What it wrote to stdout and stderr so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Prometheus' {@code GET /api/v1/query?query=...} at the server's current time: the {@code data}
     * object ({@code resultType}, {@code result}); throws if the status is not {@code success}.
     */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = Http.get(port, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError(name + " refused " + promql + ": " + r.statusCode() + " " + r.body());
        }
        return body.get("data");
    }

    /** The {@code data} of a GET of any API path of it (e.g. {@code /api/v1/targets}). */
    public JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = Http.get(port, path);
        if (r.statusCode() != 200) {
            throw new AssertionError(name + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("data");
    }

    /** PUTs {@code text} (Prometheus text format) to a Pushgateway's {@code path}; returns the status. */
    public int put(String path, String text) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "text/plain; version=0.0.4")
                .PUT(HttpRequest.BodyPublishers.ofString(text)).build();
        return Http.CLIENT.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Stops it by its pid: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A port free on 127.0.0.1 now (the OS's choice); the process binds it right after. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} to its end (at most 60 s); returns its exit code and its output. */
    public static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("prom-tool", ".log");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.toHandle().destroyForcibly();
                throw new AssertionError(command + " took over 60 s");
            }
            return new Result(p.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A finished command's exit code and output (stdout and stderr together). */
    public record Result(int exitCode, String output) {}
}
