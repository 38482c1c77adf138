package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.Http;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The serving tests' in-process service: a {@link VersionManager} polling a store and a {@link RecommendApp} on a free
 * port of 127.0.0.1, spoken to over TCP. Close it in {@code @AfterEach}.
 */
final class TestServer implements AutoCloseable {

    private final StoreLayout layout;
    private final VersionManager versions;
    private final Javalin app;

    private TestServer(StoreLayout layout, VersionManager versions, Javalin app) {
        this.layout = layout;
        this.versions = versions;
        this.app = app;
    }

    /**
     * Starts a version manager polling {@code layout} every {@code pollInterval} (with {@code listeners} added before
     * its first poll, so they hear about the first version too), then the app on it.
     */
    static TestServer start(StoreLayout layout, Duration pollInterval, VersionListener... listeners) {
        VersionManager versions = new VersionManager(layout, pollInterval);
        for (VersionListener listener : listeners) {
            versions.addListener(listener);
        }
        versions.start();
        Javalin app = new RecommendApp(versions).create().start("127.0.0.1", 0);
        return new TestServer(layout, versions, app);
    }

    StoreLayout layout() {
        return layout;
    }

    VersionManager versions() {
        return versions;
    }

    int port() {
        return app.port();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return Http.get(port(), path);
    }

    HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return Http.get(port(), path, accept);
    }

    /** A GET written by hand: java.net.URI refuses malformed escapes, a raw socket does not. */
    String rawGet(String path) throws IOException {
        return Http.rawGet(port(), path);
    }

    /** Waits up to 20 s for the manager to have {@code versionId} open, and asserts that it has. */
    void awaitVersion(String versionId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!versions.openVersion().equals(Optional.of(versionId)) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(Optional.of(versionId), versions.openVersion());
    }

    static void assertResponse(HttpResponse<String> r, int status, String body) {
        assertEquals(status, r.statusCode(), () -> r.uri() + " -> " + r.body());
        assertEquals(body, r.body(), () -> r.uri().toString());
    }

    @Override
    public void close() {
        app.stop();
        versions.close();
    }
}
