package dev.marquee.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.Http;
import dev.marquee.testkit.PromProcess;
import dev.marquee.testkit.SparkExtension;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BatchMain} pushes a night's figures when the night ends without publishing (here: no broker
 * answers, exit 1; Kafka's admin client gives up after about 30 s) to a real Pushgateway. That a push
 * that fails is only a warning is PushgatewayIT's. Skipped with a message without
 * {@code prometheus-pushgateway}.
 */
@ExtendWith(SparkExtension.class)
class NightPushIT {

    @TempDir
    Path tmp;

    private BatchConfig config(String pushgateway) {
        return BatchSettings.under(tmp).set("marquee.batch.kafka.timeout", "2s")
                .set("marquee.batch.metrics.pushgateway", pushgateway).load(BatchConfig::load);
    }

    @Test
    void aFailedNightPushesItsOutcome(SparkSession spark) throws Exception {
        Optional<Path> binary = PromProcess.binary("prometheus-pushgateway", "pushgateway");
        assumeTrue(binary.isPresent(), "skipped: no prometheus-pushgateway binary on the PATH "
                + "(apt-get install prometheus-pushgateway; .ci/run installs it when it can)");
        try (PromProcess gateway = PromProcess.pushgateway(binary.get(), tmp.resolve("gateway"))) {
            assertEquals(BatchMain.FAILED, BatchMain.run(spark, config(gateway.url())), "no broker at 127.0.0.1:1");
            String scrape = Http.get(gateway.port(), "/metrics").body();
            assertTrue(scrape.contains("marquee_batch_exit_code{instance=\"\",job=\"marquee-batch\"} 1\n"), scrape);
            assertTrue(scrape.contains("marquee_batch_published{instance=\"\",job=\"marquee-batch\"} 0\n"), scrape);
            assertTrue(scrape.contains("marquee_batch_run_duration_seconds{instance=\"\",job=\"marquee-batch\"} "),
                    scrape);
            assertTrue(!scrape.contains("marquee_batch_published_ndcg"), "nothing was published");
        }
    }
}
