package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.marquee.batch.NightlyJob;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.devkit.sim.SynthConfig;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import dev.marquee.testkit.BatchSettings;
import dev.marquee.testkit.KafkaExtension;
import dev.marquee.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marquee forget}: a user's events and quarantined lines leave the lake, nobody else's do,
 * their events stay out of later runs, and the next version holds no list for them.
 */
@ExtendWith(SparkExtension.class)
class ForgetIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void aForgottenUsersEventsLeaveTheLakeAndTheirListLeavesTheNextVersion(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        List<String> log = new ArrayList<>();
        SyntheticPlatform.generate(new SynthConfig(300, 120, 6, 20, 11L)).lines().forEachRemaining(log::add);
        int cut = log.size() * 7 / 10;
        List<String> first = new ArrayList<>(log.subList(0, cut));
        // One rejected line of theirs in the quarantine, and one of someone else's.
        first.add("2025-01-05T10:00:00,7,GET /rate/The+Matrix=4");
        first.add("2025-01-05T10:00:00,8,GET /rate/The+Matrix=4");
        String topic = KAFKA.topic("forget", 2, first);
        BatchConfig config = BatchSettings.under(tmp).kafka(KAFKA.bootstrapServers(), topic).ratings(1, 5).smallModels()
                .set(Map.of("marquee.batch.models.candidates", List.of("popularity"))).load(BatchConfig::load);
        assertEquals("v000001", new NightlyJob(spark, config).run().versionId());
        LakeLayout lake = new LakeLayout(config.lakeRoot());
        StoreLayout store = new StoreLayout(config.storeRoot());
        long user = 7;
        try (StoreReader v1 = StoreReader.open(store, "v000001")) {
            assertNotNull(v1.get(user), "user 7 has a list in v000001");
        }
        long before = events(spark, lake).count();
        long theirs = events(spark, lake).where(col("user").equalTo(lit(user))).count();
        assertTrue(theirs > 0, "user 7 has events to forget");

        Forget.Result result = new Forget(spark, lake, Clock.systemUTC()).user(user);

        assertEquals(theirs, result.events());
        assertEquals(1, result.quarantined());
        assertEquals(1, result.runsRewritten());
        assertEquals(0, events(spark, lake).where(col("user").equalTo(lit(user))).count(), "none of theirs is left");
        assertEquals(before - theirs, events(spark, lake).count(), "everybody else's events are all still there");
        assertEquals(1, spark.read().parquet(lake.quarantine(1).toString()).count(), "only the other user's bad line");
        assertEquals(List.of(user), Forget.forgotten(lake));
        assertTrue(Files.notExists(lake.root().resolve("_forget").resolve("trash"))
                || Files.list(lake.root().resolve("_forget").resolve("trash")).findAny().isEmpty(), "no trash left");

        // Their events arrive again (a late event): the next run keeps them out; their list is gone.
        KAFKA.produce(topic, log.subList(cut, log.size()));
        KAFKA.produce(topic, List.of("2025-01-20T10:00:00,7,GET /create_account"));
        assertEquals("v000002", new NightlyJob(spark, config).run().versionId());
        assertEquals(0, events(spark, lake).where(col("user").equalTo(lit(user))).count(), "still none of theirs");
        try (StoreReader v2 = StoreReader.open(store, "v000002")) {
            assertNull(v2.get(user), "the next version holds no list for them (they get the cold-start list)");
            assertNotNull(v2.get(8), "others keep theirs");
        }
        assertThrows(IllegalArgumentException.class, () -> new Forget(spark, lake, Clock.systemUTC()).user(-1));
    }

    private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> events(SparkSession spark, LakeLayout lake) {
        return LakeReader.events(spark, lake, new IngestLedger(lake).commits());
    }
}
