package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.events.UserIds;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.StoreFixture;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of the request path over real TCP (raw bytes: java.net.URI would refuse
 * most of these): a valid user id gets 200, anything else a 4xx with a one-line reason, never a
 * 5xx. Random bytes, percent-escapes (good and broken), ';' parameters, extra segments, trailing
 * slashes, query strings, non-ASCII digits, over-long paths and huge headers.
 */
class RequestPathFuzzIT {

    private static Path root;
    private static VersionManager versions;
    private static ServingMetrics metrics;
    private static Javalin app;
    private static final AtomicInteger OK = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();

    @BeforeContainer
    static void start() throws IOException {
        root = Files.createTempDirectory("marquee-fuzz-");
        StoreLayout layout = new StoreLayout(root);
        StoreFixture.publishAndPromote(layout, "v000001", 20);
        versions = new VersionManager(layout, Duration.ofMillis(200));
        versions.start();
        metrics = new ServingMetrics(versions);
        app = new RecommendApp(versions, metrics, Telemetry.OFF).create().start("127.0.0.1", 0);
    }

    @AfterContainer
    static void stop() throws IOException {
        app.stop();
        versions.close();
        metrics.close();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        // Both kinds were generated: the property below could have failed either way.
        assertTrue(OK.get() > 100, "valid ids answered: " + OK.get());
        assertTrue(REFUSED.get() > 1000, "refusals: " + REFUSED.get());
        assertEquals(0.0, metrics.registry().find("marquee.requests").tag("status", "500").counters().stream()
                .mapToDouble(c -> c.count()).sum(), "no 500 counted");
    }

    @Property(tries = 3000)
    void aValidIdIs200AndEverythingElseA4xxWithOneLine(@ForAll("paths") String path) throws IOException {
        String response = get(path, "");
        assertFalse(response.isEmpty(), path + ": no answer");
        int status = Integer.parseInt(response.substring(9, 12));
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        String shown = shown(path) + " -> " + shown(response);
        if (expectedValid(path)) {
            assertEquals(200, status, shown);
            OK.incrementAndGet();
        } else {
            assertTrue(status >= 400 && status < 500, shown);
            assertFalse(body.contains("\n") || body.contains("\r"), shown);
            assertTrue(body.length() < 200, shown);
            REFUSED.incrementAndGet();
        }
    }

    @Property(tries = 50)
    void hugeHeadersAreRefusedWithA4xx(@ForAll("ids") String id, @ForAll("headerSizes") int size) throws IOException {
        String response = get("/recommend/" + id, "X-Fill: " + "a".repeat(size) + "\r\n");
        if (size > 64 * 1024) {
            // Jetty answers 431 and closes as soon as it has seen too much; the rest of our write may then
            // hit a closed socket, and its answer may be lost with it: refused either way, never a 5xx.
            assertTrue(response.isEmpty() || response.startsWith("HTTP/1.1 431 "), size + " -> " + shown(response));
            return;
        }
        assertTrue(response.startsWith("HTTP/1.1 200 "), size + " -> " + shown(response));
    }

    /**
     * What the service must accept: "/recommend/" then 1-19 ASCII digits fitting a long, then
     * optionally a "?query" or a "#fragment" (Jetty drops a fragment sent on the request line).
     */
    static boolean expectedValid(String path) {
        int end = path.length();
        for (char c : new char[] {'?', '#'}) {
            int at = path.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String p = path.substring(0, end);
        return p.startsWith("/recommend/") && UserIds.parse(p, "/recommend/".length(), p.length()) != UserIds.INVALID;
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf);
    }

    @Provide
    Arbitrary<Integer> headerSizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 4000), Arbitraries.integers().between(70_000, 200_000));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                ids(),
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(25),
                Arbitraries.strings().withChars("0123456789%;=/?&.+-abcxzAF#").ofMinLength(0).ofMaxLength(20),
                Arbitraries.strings().withChars("\u0661\u0662\u0663\u0966\uff11\u00b9\u00e9\u4e00").ofMinLength(1).ofMaxLength(5),
                Arbitraries.bytes().list().ofMaxSize(8).map(RequestPathFuzzIT::percentEncoded),
                Arbitraries.strings().numeric().ofLength(5000),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(30));
        Arbitrary<String> suffix = Arbitraries.of("", "", "", "/", ";x=1", ";%", ";9bb6%", "?a=1", "?%zz", "/extra", "//", "#f");
        Arbitrary<String> prefix = Arbitraries.of("/recommend/", "/recommend/", "/recommend/", "/recommend", "/Recommend/",
                "/recommend//", "/recommend/./", "/x/../recommend/", "/recommend;p=1/");
        return Combinators.combine(prefix, segment, suffix).as((a, b, c) -> a + b + c);
    }

    /** At most 300 chars of {@code s}, for a readable failure message. */
    private static String shown(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
    }

    private static String percentEncoded(List<Byte> bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append('%').append(String.format("%02X", b & 0xff));
        }
        return sb.toString();
    }

    /**
     * One GET with the path's raw UTF-8 bytes on the request line, on its own connection. If the
     * server closes before the request is all written (it refused it early), whatever it answered is
     * returned, possibly nothing.
     */
    private static String get(String path, String extraHeaders) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders + "Connection: close\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (SocketException e) {
                // closed by the server mid-write: read what it said before closing
            }
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (SocketException e) {
                // reset after a refusal: keep what arrived
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
