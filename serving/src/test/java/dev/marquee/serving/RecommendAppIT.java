package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real service on a free port, over TCP, against real store versions on disk. */
class RecommendAppIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path root;

    private StoreLayout layout;
    private VersionManager versions;
    private Javalin app;

    @BeforeEach
    void start() {
        layout = new StoreLayout(root);
        versions = new VersionManager(layout, Duration.ofMillis(50));
        versions.start();
        app = new RecommendApp(versions).create().start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
        versions.close();
    }

    @Test
    void answers503UntilAVersionIsPromoted() throws Exception {
        assertResponse(get("/healthz"), 200, "ok");
        assertResponse(get("/readyz"), 503, RecommendApp.NOT_READY);
        assertResponse(get("/recommend/1"), 503, RecommendApp.NOT_READY);
        assertEquals(400, get("/recommend/abc").statusCode(), "bad input is 400 even when not ready");
    }

    @Test
    void servesKnownUsersTheirListAndUnknownUsersTheColdStartList() throws Exception {
        promote("v000001");
        assertResponse(get("/readyz"), 200, "ready v000001");
        assertResponse(get("/recommend/3"), 200, "movie+3+v000001,film+3");
        assertResponse(get("/recommend/0003"), 200, "movie+3+v000001,film+3");
        assertResponse(get("/recommend/4"), 200, "popular+1999,classic+1942");
        assertResponse(get("/recommend/9223372036854775807"), 200, "popular+1999,classic+1942");
        HttpResponse<String> r = get("/recommend/3");
        assertEquals("text/plain; charset=utf-8",
                r.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(";charset", "; charset"));
    }

    @Test
    void rejectsEveryMalformedUserIdWithAOneLine400() throws Exception {
        promote("v000001");
        List<String> junk = List.of("9223372036854775808", "-1", "1.5", "abc", "%31", "1%20", "", "+1", "0x10",
                "%0d%0aX-Injected:1", "1" + "0".repeat(60));
        for (String raw : junk) {
            HttpResponse<String> r = get("/recommend/" + raw);
            assertEquals(400, r.statusCode(), raw);
            assertTrue(r.body().startsWith("userId must be a non-negative integer"), raw + " -> " + r.body());
            assertFalse(r.body().contains("\n") || r.body().contains("\r"), raw + " -> " + r.body());
            assertTrue(r.body().length() < 120, raw + " -> " + r.body());
        }
        assertEquals(400, get("/recommend").statusCode());
        assertEquals("userId must be a non-negative integer that fits in 64 bits, got \"abc\"",
                get("/recommend/abc").body());
    }

    @Test
    void requestsJettyRejectsItselfAlsoGetAOneLinePlainTextAnswer() throws Exception {
        promote("v000001");
        for (String raw : List.of("%", "1%00", "%zz")) {
            String response = rawGet("/recommend/" + raw);
            assertTrue(response.startsWith("HTTP/1.1 400 "), raw + " -> " + response);
            assertTrue(response.toLowerCase().contains("content-type: text/plain"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertEquals("bad request: Bad Request", body, raw);
        }
    }

    @Test
    void swapsToANewVersionWithoutRestartAndClosesTheOldReader() throws Exception {
        promote("v000001");
        StoreReader first;
        try (Lease lease = versions.acquire()) {
            first = lease.reader();
        }
        assertResponse(get("/recommend/5"), 200, "movie+5+v000001,film+5");

        TestStores.publish(layout, "v000002", 20);
        layout.promote("v000002");
        awaitVersion("v000002");
        assertResponse(get("/readyz"), 200, "ready v000002");
        assertResponse(get("/recommend/5"), 200, "movie+5+v000002,film+5");
        assertResponse(get("/recommend/39"), 200, "movie+39+v000002,film+4");
        assertTrue(first.isClosed(), "v000001's reader is closed once drained");
    }

    @Test
    void aCorruptVersionBehindTheManagersBackIsRefusedAndTheOldOneKeepsServing() throws Exception {
        promote("v000001");
        Files.createDirectories(layout.versionDir("v000002").resolve("db"));
        Files.writeString(layout.currentFile(), "v000002\n");
        versions.checkNow();
        Thread.sleep(200); // a few poll intervals: the refused version must not sneak in
        assertResponse(get("/readyz"), 200, "ready v000001");
        assertResponse(get("/recommend/3"), 200, "movie+3+v000001,film+3");
    }

    private void promote(String versionId) throws InterruptedException {
        TestStores.publish(layout, versionId, 10);
        layout.promote(versionId);
        versions.checkNow();
        awaitVersion(versionId);
    }

    private void awaitVersion(String versionId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!versions.openVersion().equals(Optional.of(versionId)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(Optional.of(versionId), versions.openVersion());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET written by hand: java.net.URI refuses malformed escapes, a raw socket does not. */
    private String rawGet(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertResponse(HttpResponse<String> r, int status, String body) {
        assertEquals(status, r.statusCode(), () -> r.uri() + " -> " + r.body());
        assertEquals(body, r.body(), () -> r.uri().toString());
    }
}
