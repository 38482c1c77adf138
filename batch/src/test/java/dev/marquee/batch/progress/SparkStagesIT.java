package dev.marquee.batch.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.LogCapture;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.SparkExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The listener on a real local Spark job: one task of four ends, three wait on a latch (tasks run
 * in this JVM in local mode), and a tick driven by hand then says 1 of the 4 tasks is done.
 */
class SparkStagesIT {
    @RegisterExtension
    static final SparkExtension SPARK = new SparkExtension();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Test
    void aRunningStageGivesALineWithItsTasksDoneOfTotal() throws Exception {
        SparkSession spark = SPARK.session();
        SparkStages stages = new SparkStages(System::nanoTime);
        Ticker ticker = new Ticker(System::nanoTime, stages);
        spark.sparkContext().addSparkListener(stages);
        ExecutorService driver = Executors.newSingleThreadExecutor();
        try (LogCapture log = LogCapture.of("marquee.batch")) {
            ticker.phase(1, "ingest");
            Future<Long> job = driver.submit(() -> JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(List.of(0, 1, 2, 3), 4)
                    .map(i -> i == 0 || RELEASE.await(120, TimeUnit.SECONDS) ? i : -1)
                    .count());
            Await.until("the first of the stage's four tasks to end", Duration.ofSeconds(120),
                    () -> stages.snapshot(System.nanoTime()).tasksDone() >= 1);
            String line = ticker.tick();
            RELEASE.countDown();
            assertEquals(4L, job.get(120, TimeUnit.SECONDS));

            assertTrue(line.matches("\\[1] ingest \\d+ s: Spark stage \\d+ \"[^\"]+\": "
                    + "tasks 1/4, [0-9.,]+/(s|min), ETA \\d\\S* ?s?"), line);
            assertFalse(line.contains("ETA unknown"), "a task ended, so there is a rate: " + line);
            assertTrue(log.lines().contains(line), "the line is logged on marquee.batch");
            Await.until("the stage to complete", Duration.ofSeconds(60), () -> !stages.snapshot(System.nanoTime()).running());
        } finally {
            RELEASE.countDown();
            spark.sparkContext().removeSparkListener(stages);
            driver.shutdownNow();
        }
    }
}
