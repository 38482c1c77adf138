package dev.marquee.serving;

import static dev.marquee.serving.TestServer.assertResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import dev.marquee.testkit.StoreFixture;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real service on a free port, over TCP, against real store versions on disk. */
class RecommendAppIT {

    @TempDir
    Path root;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(new StoreLayout(root), Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answers503UntilAVersionIsPromoted() throws Exception {
        assertResponse(server.get("/healthz"), 200, "ok");
        assertResponse(server.get("/readyz"), 503, RecommendApp.NOT_READY);
        assertResponse(server.get("/recommend/1"), 503, RecommendApp.NOT_READY);
        assertEquals(400, server.get("/recommend/abc").statusCode(), "bad input is 400 even when not ready");
    }

    @Test
    void servesKnownUsersTheirListAndUnknownUsersTheColdStartList() throws Exception {
        promote("v000001");
        assertResponse(server.get("/readyz"), 200, "ready v000001");
        assertResponse(server.get("/recommend/3"), 200, "movie+3+v000001,film+3");
        assertResponse(server.get("/recommend/0003"), 200, "movie+3+v000001,film+3");
        assertResponse(server.get("/recommend/4"), 200, "popular+1999,classic+1942");
        assertResponse(server.get("/recommend/9223372036854775807"), 200, "popular+1999,classic+1942");
        HttpResponse<String> r = server.get("/recommend/3");
        assertEquals("text/plain; charset=utf-8",
                r.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(";charset", "; charset"));
    }

    @Test
    void rejectsEveryMalformedUserIdWithAOneLine400() throws Exception {
        promote("v000001");
        List<String> junk = List.of("9223372036854775808", "-1", "1.5", "abc", "%31", "1%20", "", "+1", "0x10",
                "%0d%0aX-Injected:1", "1" + "0".repeat(60));
        for (String raw : junk) {
            HttpResponse<String> r = server.get("/recommend/" + raw);
            assertEquals(400, r.statusCode(), raw);
            assertTrue(r.body().startsWith("userId must be a non-negative integer"), raw + " -> " + r.body());
            assertFalse(r.body().contains("\n") || r.body().contains("\r"), raw + " -> " + r.body());
            assertTrue(r.body().length() < 120, raw + " -> " + r.body());
        }
        assertEquals(400, server.get("/recommend").statusCode());
        assertEquals("userId must be a non-negative integer that fits in 64 bits, got \"abc\"",
                server.get("/recommend/abc").body());
    }

    @Test
    void requestsJettyRejectsItselfAlsoGetAOneLinePlainTextAnswer() throws Exception {
        promote("v000001");
        for (String raw : List.of("%", "1%00", "%zz")) {
            String response = server.rawGet("/recommend/" + raw);
            assertTrue(response.startsWith("HTTP/1.1 400 "), raw + " -> " + response);
            assertTrue(response.toLowerCase().contains("content-type: text/plain"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertEquals("bad request: Bad Request", body, raw);
        }
    }

    @Test
    void pathParametersWithBrokenEscapesAreA400NeverA5xx() throws Exception {
        promote("v000001");
        // An outside fuzzer found these answered 500 (issue 12): a ';' then a malformed '%' escape.
        for (String raw : List.of("2;9bb6%", "2;%", "1;a=%zz", "7;%4", "3;x=%", ";%", "5;%%", "2;9bb6%/")) {
            String response = server.rawGet("/recommend/" + raw);
            assertTrue(response.startsWith("HTTP/1.1 400 "), raw + " -> " + response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertFalse(body.contains("\n"), raw + " -> " + body);
            assertTrue(body.length() < 120, raw + " -> " + body);
        }
    }

    @Test
    void jsonClientsGetTheir400And503AsJson() throws Exception {
        HttpResponse<String> notReady = server.get("/recommend/1", "application/json");
        assertEquals(503, notReady.statusCode());
        assertEquals(RecommendApp.JSON, notReady.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"status\":503,\"error\":\"not ready: no store version published yet\"}", notReady.body());
        promote("v000001");
        HttpResponse<String> bad = server.get("/recommend/abc", "application/json");
        assertEquals(400, bad.statusCode());
        assertEquals(RecommendApp.JSON, bad.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"status\":400,\"error\":\"userId must be a non-negative integer that fits in 64 bits,"
                + " got \\\"abc\\\"\"}", bad.body());
        assertEquals(RecommendApp.TEXT, server.get("/recommend/abc").headers().firstValue("Content-Type").orElse("")
                .replace(";charset", "; charset").toLowerCase(), "text clients keep text");
    }

    @Test
    void swapsToANewVersionWithoutRestartAndClosesTheOldReader() throws Exception {
        promote("v000001");
        StoreReader first;
        try (Lease lease = server.versions().acquire()) {
            first = lease.reader();
        }
        assertResponse(server.get("/recommend/5"), 200, "movie+5+v000001,film+5");

        StoreFixture.publishAndPromote(server.layout(), "v000002", 20);
        server.awaitVersion("v000002");
        assertResponse(server.get("/readyz"), 200, "ready v000002");
        assertResponse(server.get("/recommend/5"), 200, "movie+5+v000002,film+5");
        assertResponse(server.get("/recommend/39"), 200, "movie+39+v000002,film+4");
        assertTrue(first.isClosed(), "v000001's reader is closed once drained");
    }

    @Test
    void aCorruptVersionBehindTheManagersBackIsRefusedAndTheOldOneKeepsServing() throws Exception {
        promote("v000001");
        Files.createDirectories(server.layout().versionDir("v000002").resolve("db"));
        Files.writeString(server.layout().currentFile(), "v000002\n");
        server.versions().checkNow();
        Thread.sleep(200); // a few poll intervals: the refused version must not sneak in
        assertResponse(server.get("/readyz"), 200, "ready v000001");
        assertResponse(server.get("/recommend/3"), 200, "movie+3+v000001,film+3");
    }

    private void promote(String versionId) throws InterruptedException {
        StoreFixture.publishAndPromote(server.layout(), versionId, 10);
        server.versions().checkNow();
        server.awaitVersion(versionId);
    }
}
