package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON answers on Accept: application/json, and text answers unchanged by the scores stored beside them. */
class JsonAnswersIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path root;

    private TestServer server;

    @BeforeEach
    void start() {
        StoreLayout layout = new StoreLayout(root);
        try (StoreWriter w = StoreWriter.create(layout, "v000003")) {
            w.coldStart(List.of("popular+1999", "classic+1942"), new float[] {8.5f, 8.25f});
            w.put(3, List.of("the+matrix+1999", "alien+1979", "am\u00e9lie+2001"), new float[] {0.75f, 0.5f, 0.25f});
            w.put(5, List.of("say+\"hi\"+2000")); // no scores; an id JSON must escape
            w.publish(Map.of());
        }
        layout.promote("v000003");
        server = TestServer.start(layout, Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void textAnswersAreExactlyTheIdsWhateverIsStoredAfterThem() throws Exception {
        HttpResponse<String> r = server.get("/recommend/3");
        assertEquals(200, r.statusCode());
        assertEquals("the+matrix+1999,alien+1979,am\u00e9lie+2001", r.body());
        assertEquals(String.valueOf("the+matrix+1999,alien+1979,am\u00e9lie+2001".getBytes(StandardCharsets.UTF_8).length),
                r.headers().firstValue("Content-Length").orElse(""));
        assertEquals("popular+1999,classic+1942", server.get("/recommend/4", "text/plain").body());
        assertEquals("say+\"hi\"+2000", server.get("/recommend/5").body());
    }

    @Test
    void jsonAnswersCarryItemsScoresVersionAndColdStart() throws Exception {
        HttpResponse<String> r = server.get("/recommend/3", "application/json");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode j = MAPPER.readTree(r.body());
        assertEquals(3, j.get("user").asLong());
        assertEquals(List.of("the+matrix+1999", "alien+1979", "am\u00e9lie+2001"), strings(j.get("items")));
        assertEquals(List.of(0.75, 0.5, 0.25), doubles(j.get("scores")));
        assertEquals("v000003", j.get("version").asText());
        assertEquals(false, j.get("coldStart").asBoolean());

        JsonNode cold = MAPPER.readTree(server.get("/recommend/4", "text/html, application/json;q=0.9").body());
        assertEquals(4, cold.get("user").asLong());
        assertEquals(List.of("popular+1999", "classic+1942"), strings(cold.get("items")));
        assertEquals(List.of(8.5, 8.25), doubles(cold.get("scores")));
        assertEquals(true, cold.get("coldStart").asBoolean());

        JsonNode unscored = MAPPER.readTree(server.get("/recommend/5", "application/json").body());
        assertEquals(List.of("say+\"hi\"+2000"), strings(unscored.get("items")));
        assertEquals(List.of(), doubles(unscored.get("scores")));
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<Double> doubles(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asDouble).toList();
    }
}
