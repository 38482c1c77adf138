package dev.marquee.devkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a recommendation service for a user's list over HTTP, as a client app does: {@code GET
 * <service>/recommend/<user>} with {@code Accept: application/json}, read with Jackson. Any service that answers
 * {@code {"items":[...],"version":...,"arm":...,"coldStart":...}} will do.
 */
final class ServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final String base;

    ServiceClient(URI service) {
        String s = service.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The answer for {@code user} (time and pick not yet set); status -1 when none came. */
    ServiceAnswer ask(long user) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/recommend/" + user)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new ServiceAnswer(user, 0, response.statusCode(), null, null, List.of(), false, -1);
            }
            JsonNode body = JSON.readTree(response.body());
            List<String> items = new ArrayList<>();
            body.path("items").forEach(n -> items.add(n.asText()));
            return new ServiceAnswer(user, 0, 200, body.path("version").asText(null), body.path("arm").asText(null),
                    items, body.path("coldStart").asBoolean(false), -1);
        } catch (IOException e) {
            return new ServiceAnswer(user, 0, -1, null, null, List.of(), false, -1);
        }
    }

    @Override
    public String toString() {
        return base;
    }
}
