package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marquee.store.Housekeeping;
import dev.marquee.store.StoreLayout;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.Http;
import dev.marquee.testkit.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running service follows a rollback of CURRENT by its normal polling. */
class RollbackIT {

    @TempDir
    Path root;

    @Test
    void serviceAnswersFromThePreviousVersionAfterARollback() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        StoreFixture.publishAndPromote(layout, "v000001", 5);
        StoreFixture.publishAndPromote(layout, "v000002", 5);
        ServingConfig config = new ServingConfig("127.0.0.1", 0, root, Duration.ofMillis(50), Duration.ZERO,
                Duration.ofSeconds(5), TelemetryConfig.DISABLED);
        try (Service service = Service.start(config)) {
            int port = service.port();
            assertEquals("movie+3+v000002,film+3", Http.get(port, "/recommend/3").body());

            assertEquals(new Housekeeping.Rollback("v000002", "v000001"), Housekeeping.rollback(layout));
            Await.until("rollback followed", () -> {
                try {
                    return Http.get(port, "/readyz").body().equals("ready v000001");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals("movie+3+v000001,film+3", Http.get(port, "/recommend/3").body());
            String scrape = Http.get(port, "/metrics").body();
            assertEquals(true, scrape.contains("marquee_store_version 1.0"), "the gauge names v000001");
            assertEquals(true, scrape.contains("marquee_store_swaps_total 2.0"), "first open plus the rollback");
        }
    }
}
