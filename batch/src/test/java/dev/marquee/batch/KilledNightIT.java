package dev.marquee.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.BatchConfig;
import dev.marquee.batch.ingest.IngestLedger;
import dev.marquee.batch.ingest.LakeLayout;
import dev.marquee.batch.ingest.LakeReader;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.SparkExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job in a child JVM, killed with SIGKILL in each phase (ingest before its commit,
 * training, while the store version is written, between manifest and CURRENT). After each kill no
 * half version is served and every version folder is complete or abandoned; the next run completes,
 * removes what the killed writer abandoned, and the lake holds each event exactly once.
 */
@ExtendWith(SparkExtension.class)
class KilledNightIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    /** Where to kill: a line the job logs in that phase. */
    private static final List<String[]> PHASES = List.of(
            new String[] {"ingest", "records read, checked and written to"},
            new String[] {"training", "] interactions ("},
            new String[] {"store write", "writing store version"},
            new String[] {"manifest written, CURRENT not yet", "] export ("});

    @Test
    void aJobKilledInEachPhaseLeavesNoHalfVersionAndTheNextRunRecovers(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        List<String> log = new ArrayList<>();
        SyntheticPlatform.generate(new SynthConfig(200, 80, 6, 20, 5L)).lines().forEachRemaining(log::add);
        int chunks = 2 * PHASES.size();
        int size = log.size() / chunks;
        String topic = KAFKA.topic("killed", 2, log.subList(0, size));
        BatchSettings settings = BatchSettings.under(tmp).kafka(KAFKA.bootstrapServers(), topic).ratings(1, 5)
                .smallModels().set("marquee.batch.models.candidates", List.of("popularity"))
                .set("marquee.batch.store.abandoned-after", "0s");
        BatchConfig config = settings.load(BatchConfig::load);
        LakeLayout lake = new LakeLayout(config.lakeRoot());
        StoreLayout store = new StoreLayout(config.storeRoot());
        int produced = size;
        int published = 0;
        for (int i = 0; i < PHASES.size(); i++) {
            String[] phase = PHASES.get(i);
            List<String> childLog = runChildUntil(settings, phase[1]);
            assertNoHalfVersion(store, phase[0], childLog);

            // The next night: more events, a complete run in this JVM.
            List<String> more = log.subList((2 * i + 1) * size, (2 * i + 2) * size);
            KAFKA.produce(topic, more);
            produced += more.size();
            JobResult result = new NightlyJob(spark, config).run();
            published++;
            assertEquals(store.current().orElseThrow(), result.versionId(), phase[0]);
            assertNoHalfVersion(store, phase[0] + ", then a run", List.of());
            assertTrue(store.versions().stream().allMatch(v -> Files.exists(store.versionDir(v).resolve(Manifest.FILE_NAME))),
                    phase[0] + ": the abandoned folder was removed: " + store.versions());
            List<Row> counts = LakeReader.events(spark, lake, new IngestLedger(lake).commits())
                    .selectExpr("count(*)", "count(distinct partition, offset)").collectAsList();
            assertEquals(produced, counts.get(0).getLong(0), phase[0] + ": every event is in the lake");
            assertEquals(produced, counts.get(0).getLong(1), phase[0] + ": and only once");

            if (i + 1 < PHASES.size()) {
                List<String> next = log.subList((2 * i + 2) * size, (2 * i + 3) * size);
                KAFKA.produce(topic, next);
                produced += next.size();
            }
        }
        assertTrue(published >= PHASES.size());
    }

    /** CURRENT is absent or names a version whose manifest verifies; every other folder is complete or has no manifest. */
    private static void assertNoHalfVersion(StoreLayout store, String phase, List<String> childLog) {
        Optional<String> current = store.current();
        if (current.isPresent()) {
            try (StoreReader reader = StoreReader.open(store, current.get())) {
                assertTrue(reader.coldStart().length > 0, phase);
            } catch (RuntimeException e) {
                throw new AssertionError(phase + ": CURRENT names " + current.get() + ", which does not open: " + e
                        + "\nchild log tail: " + tail(childLog), e);
            }
        }
    }

    /** Starts the job in a child JVM and SIGKILLs it as soon as it logs a line containing {@code marker}. */
    private static List<String> runChildUntil(BatchSettings settings, String marker) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-javaagent") && !arg.startsWith("-agentlib")) {
                command.add(arg);
            }
        }
        command.addAll(settings.jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BatchMain.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> seen = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    if (line.contains(marker) && !seen.isDone()) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                        seen.complete(true);
                    }
                }
            } catch (IOException e) {
                seen.completeExceptionally(e);
            }
            seen.complete(false);
        });
        reader.start();
        boolean killed = seen.get(240, TimeUnit.SECONDS);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child is gone");
        reader.join(10_000);
        assertTrue(killed, "the child never logged '" + marker + "' (exit " + child.exitValue() + "): " + tail(lines));
        assertFalse(child.isAlive());
        return lines;
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
