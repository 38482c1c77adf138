package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.events.EventFormatter;
import dev.marquee.events.LogTimes;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import dev.marquee.serving.fresh.FreshAnswers;
import dev.marquee.serving.fresh.FreshConfig;
import dev.marquee.serving.fresh.FreshSets;
import dev.marquee.serving.fresh.VersionCut;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import dev.marquee.store.StoreWriter;
import dev.marquee.testkit.Await;
import dev.marquee.testkit.Http;
import dev.marquee.testkit.KafkaExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fresh answers (ADR 11) against a real broker, a real store on disk and the real service over HTTP:
 * log lines produced to the topic take the movies a user watched or rated since the version's cut
 * out of the next answer, and the spares fill it up to the top-n again.
 */
class FreshAnswersIT {

    private static final int TOP = 20;
    private static final int SPARES = 5;
    private static final long USERS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The version's data ends an hour ago (the platform's wall time, UTC). */
    private static final LocalDateTime CUT = LogTimes.wallTime(Instant.now(), ZoneOffset.UTC).minusHours(1).withNano(0);

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @TempDir
    Path dir;

    /** User {@code u}'s stored list: {@value #TOP} movies and {@value #SPARES} spares, distinct. */
    static List<String> listOf(long u) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TOP + SPARES; i++) {
            ids.add("film+" + ((u * 3 + i) % 60) + "+1999");
        }
        return ids;
    }

    static final List<String> COLD = coldStart();

    private static List<String> coldStart() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TOP + SPARES; i++) {
            ids.add("popular+" + i + "+2000");
        }
        return ids;
    }

    static float[] scores(int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = 100 - i * 1.5f;
        }
        return s;
    }

    private StoreLayout layout() {
        return new StoreLayout(dir.resolve("store"));
    }

    /** Publishes and promotes a version of users 1..USERS whose data ends at {@code dataEnd}. */
    private void publish(String versionId, LocalDateTime dataEnd) {
        try (StoreWriter w = StoreWriter.create(layout(), versionId)) {
            for (long u = 1; u <= USERS; u++) {
                w.put(u, listOf(u), scores(TOP + SPARES), TOP);
            }
            w.coldStart(COLD, scores(TOP + SPARES), TOP);
            w.publish(Map.of(VersionCut.DATA_END, LogTimes.format(dataEnd)));
        }
        layout().promote(versionId);
    }

    private ServingConfig config(String topic) {
        return config(topic, 1_000);
    }

    private ServingConfig config(String topic, int maxUsers) {
        return new ServingConfig("127.0.0.1", 0, dir.resolve("store"), Duration.ofMillis(50), Duration.ZERO,
                Duration.ofSeconds(5), TelemetryConfig.DISABLED,
                new FreshConfig(true, KAFKA.bootstrapServers(), topic, maxUsers, 50, Duration.ofSeconds(30),
                        Duration.ofHours(48)));
    }

    private static String watch(long user, String movie, LocalDateTime time) {
        return EventFormatter.format(new WatchEvent(time, user, movie, 7));
    }

    private static String rate(long user, String movie, LocalDateTime time) {
        return EventFormatter.format(new RateEvent(time, user, movie, 4));
    }

    private static List<String> text(Service s, long user) throws Exception {
        HttpResponse<String> r = Http.get(s.port(), "/recommend/" + user);
        assertEquals(200, r.statusCode(), r.body());
        return List.of(r.body().split(","));
    }

    private static JsonNode json(Service s, long user) throws Exception {
        HttpResponse<String> r = Http.get(s.port(), "/recommend/" + user, "application/json");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static List<String> without(List<String> all, int top, String... removed) {
        List<String> kept = new ArrayList<>(all);
        kept.removeAll(List.of(removed));
        return kept.subList(0, Math.min(top, kept.size()));
    }

    @Test
    void aUserWhoWatchesARecommendedMovieNoLongerGetsItAndStillGetsTwenty() throws Exception {
        String topic = "watched";
        KAFKA.broker().createTopic(topic, 2);
        publish("v000001", CUT);
        List<String> mine = listOf(3);
        try (Service service = Service.start(config(topic))) {
            assertEquals(mine.subList(0, TOP), text(service, 3));
            KAFKA.produce(topic, List.of(
                    watch(3, mine.get(1), CUT.minusMinutes(10)), // before the cut: the version's data holds it
                    watch(3, mine.get(0), CUT.plusMinutes(30)),
                    rate(3, mine.get(5), CUT.plusMinutes(31)),
                    watch(3, "never+listed+2001", CUT.plusMinutes(32))));
            List<String> expected = without(mine, TOP, mine.get(0), mine.get(5));
            Await.until("user 3's answer without the two movies", () -> text(service, 3).equals(expected));
            assertEquals(TOP, expected.size(), "the spares fill the answer up to the top-n");
            assertTrue(expected.containsAll(List.of(mine.get(20), mine.get(21))), "the first two spares are in");
            assertTrue(expected.contains(mine.get(1)), "a movie watched before the cut stays");

            JsonNode j = json(service, 3);
            List<String> items = new ArrayList<>();
            j.get("items").forEach(n -> items.add(n.asText()));
            assertEquals(expected, items);
            float[] all = scores(TOP + SPARES);
            for (int i = 0; i < items.size(); i++) {
                assertEquals(all[mine.indexOf(items.get(i))], j.get("scores").get(i).floatValue(), 1e-6,
                        "score " + i + " stays with its movie");
            }
            assertEquals(listOf(4).subList(0, TOP), text(service, 4), "user 4 watched nothing");

            var registry = service.metrics().registry();
            assertTrue(registry.get("marquee.fresh.answers.rewritten").counter().count() >= 2);
            assertEquals(1.0, registry.get("marquee.fresh.users").gauge().value());
            assertEquals(3.0, registry.get("marquee.fresh.movies").gauge().value(), "three movies after the cut");
            String scrape = Http.get(service.port(), "/metrics").body();
            for (String name : List.of("marquee_fresh_answers_rewritten_total", "marquee_fresh_users",
                    "marquee_fresh_movies", "marquee_fresh_events_total", "marquee_fresh_evictions_total{what=\"user\"}")) {
                assertTrue(scrape.contains(name), name + " in " + scrape);
            }
        }
    }

    @Test
    void anAnswerWithNothingFreshIsTheStoredBodyByteForByte() throws Exception {
        String topic = "unchanged";
        KAFKA.broker().createTopic(topic, 1);
        publish("v000001", CUT);
        KAFKA.produce(topic, List.of(watch(1, listOf(1).get(0), CUT.plusMinutes(1)),
                watch(2, listOf(2).get(TOP + 1), CUT.plusMinutes(1)))); // user 2: only a spare is fresh
        try (Service service = Service.start(config(topic));
                StoreReader reader = StoreReader.open(layout(), "v000001")) {
            Await.until("user 1's answer filtered", () -> !text(service, 1).contains(listOf(1).get(0)));
            for (long user : new long[] {2, 3, 4, 5, 6, 99}) {
                byte[] stored = user > USERS ? reader.coldStart() : reader.get(user);
                HttpResponse<byte[]> r = Http.CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/recommend/" + user)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertArrayEquals(Arrays.copyOf(stored, reader.textLength(stored)), r.body(), "user " + user);
                assertEquals(String.valueOf(reader.textLength(stored)), r.headers().firstValue("Content-Length").orElse(""));
            }
        }
        // And the call hands back the stored array itself: nothing is copied for a user with nothing fresh.
        FreshSets sets = new FreshSets(10, 10);
        sets.add(2, listOf(2).get(TOP + 1), VersionCut.wallMillis(CUT.plusMinutes(1)));
        sets.add(3, listOf(3).get(0), VersionCut.wallMillis(CUT.minusMinutes(1)));
        FreshAnswers fresh = new FreshAnswers(sets, ZoneOffset.UTC, new SimpleMeterRegistry());
        try (StoreReader reader = StoreReader.open(layout(), "v000001")) {
            for (long user = 2; user <= 4; user++) {
                byte[] stored = reader.get(user);
                assertSame(stored, fresh.answer(user, reader, stored), "user " + user);
            }
            byte[] stored = reader.get(1);
            sets.add(1, listOf(1).get(0), VersionCut.wallMillis(CUT.plusSeconds(1)));
            byte[] rewritten = fresh.answer(1, reader, stored);
            assertFalse(stored == rewritten);
            assertEquals(without(listOf(1), TOP, listOf(1).get(0)), reader.ids(rewritten));
        }
    }

    @Test
    void theSetsAreRebuiltFromTheTopicsRecentOffsetsBeforeTheFirstAnswer() throws Exception {
        String topic = "rebuilt";
        KAFKA.broker().createTopic(topic, 2);
        publish("v000001", CUT);
        List<String> two = listOf(2);
        // Stamped three days ago, before the cut and the lookback: the rebuild starts after it and never reads it.
        long old = Instant.now().minus(Duration.ofDays(3)).toEpochMilli();
        try (KafkaProducer<String, String> p = producer()) {
            p.send(new ProducerRecord<>(topic, null, old, "2", watch(2, two.get(0), CUT.plusMinutes(5)))).get();
        }
        KAFKA.produce(topic, List.of(watch(2, two.get(1), CUT.plusMinutes(6)), rate(3, listOf(3).get(2), CUT.plusMinutes(7)),
                watch(99, COLD.get(0), CUT.plusMinutes(8))));
        try (Service service = Service.start(config(topic))) {
            // No waiting: start-up waited for the rebuild.
            assertEquals(without(two, TOP, two.get(1)), text(service, 2), "the old-stamped record was not read");
            assertEquals(without(listOf(3), TOP, listOf(3).get(2)), text(service, 3));
            assertEquals(without(COLD, TOP, COLD.get(0)), text(service, 99), "the cold-start list is filtered too");
            assertEquals(TOP, text(service, 99).size());
        }
    }

    @Test
    void aNewerVersionDropsWhatItsDataHolds() throws Exception {
        String topic = "swapped";
        KAFKA.broker().createTopic(topic, 1);
        publish("v000001", CUT);
        try (Service service = Service.start(config(topic))) {
            KAFKA.produce(topic, List.of(watch(1, listOf(1).get(0), CUT.plusMinutes(5)),
                    watch(77, COLD.get(3), CUT.plusMinutes(5))));
            Await.until("user 1's answer filtered", () -> !text(service, 1).contains(listOf(1).get(0)));
            Await.until("new user 77's cold-start answer filtered", () -> !text(service, 77).contains(COLD.get(3)));
            assertEquals(without(COLD, TOP, COLD.get(3)), text(service, 77));

            publish("v000002", CUT.plusMinutes(10)); // its data holds both events
            Await.until("v000002 served", () -> json(service, 1).get("version").asText().equals("v000002"));
            assertEquals(listOf(1).subList(0, TOP), text(service, 1), "the newer version's list as stored");
            assertEquals(COLD.subList(0, TOP), text(service, 77));
            var movies = service.metrics().registry().get("marquee.fresh.movies").gauge();
            Await.until("the fresh sets emptied", () -> movies.value() == 0.0);

            // A rollback to the older version: the follower reads again from its cut on.
            layout().rollBack("v000002", "v000001");
            Await.until("v000001 served again", () -> json(service, 1).get("version").asText().equals("v000001"));
            Await.until("user 1's answer filtered again", () -> !text(service, 1).contains(listOf(1).get(0)));
            assertEquals(without(listOf(1), TOP, listOf(1).get(0)), text(service, 1));
        }
    }

    @Test
    void theSetsKeepAtMostMaxUsersAndCountTheEvictions() throws Exception {
        String topic = "bounded";
        KAFKA.broker().createTopic(topic, 1);
        publish("v000001", CUT);
        try (Service service = Service.start(config(topic, 2))) {
            List<String> lines = new ArrayList<>();
            for (long u = 1; u <= 5; u++) {
                lines.add(watch(u, listOf(u).get(0), CUT.plusMinutes(u)));
            }
            KAFKA.produce(topic, lines);
            var registry = service.metrics().registry();
            var evicted = registry.get("marquee.fresh.evictions").tag("what", "user").functionCounter();
            Await.until("three users evicted", () -> evicted.count() == 3.0);
            assertEquals(2.0, registry.get("marquee.fresh.users").gauge().value(), "the cap is respected");
            assertEquals(listOf(1).subList(0, TOP), text(service, 1), "user 1, evicted first, gets the stored list");
            assertEquals(without(listOf(5), TOP, listOf(5).get(0)), text(service, 5), "user 5, the latest, is kept");
        }
    }

    @Test
    void aFormatThreeVersionIsStillServedAndFilteredWithoutSpares() throws Exception {
        String topic = "three";
        KAFKA.broker().createTopic(topic, 1);
        Map<Long, List<String>> lists = new LinkedHashMap<>();
        for (long u = 1; u <= USERS; u++) {
            lists.put(u, listOf(u).subList(0, TOP));
        }
        FormatThreeVersion.publish(layout(), "v000001", lists, COLD.subList(0, TOP), scores(TOP));
        layout().promote("v000001");
        // No dataEnd in its lineage: the cut is its createdAt; these events come after it.
        LocalDateTime after = LogTimes.wallTime(Instant.now(), ZoneOffset.UTC).plusSeconds(5);
        try (Service service = Service.start(config(topic))) {
            assertEquals(listOf(2).subList(0, TOP), text(service, 2));
            KAFKA.produce(topic, List.of(watch(3, listOf(3).get(4), after)));
            List<String> expected = without(listOf(3).subList(0, TOP), TOP, listOf(3).get(4));
            Await.until("user 3's answer filtered", () -> text(service, 3).equals(expected));
            assertEquals(TOP - 1, expected.size(), "format 3 has no spares to fill in");
            JsonNode j = json(service, 3);
            assertEquals(TOP - 1, j.get("scores").size());
            assertEquals(scores(TOP)[5], j.get("scores").get(4).floatValue(), 1e-6, "scores stay aligned");
            assertEquals(listOf(2).subList(0, TOP), text(service, 2));
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
