package dev.marquee.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The service's own record of one answer, written to the answers topic beside the platform's line:
 * {@code {"time":"2025-06-30T23:30:00.250Z","user":42,"version":"v000003","arm":"main",
 * "movies":["a+1999","b+2000"],"coldStart":false,"latencyMs":2.0,"status":200}}. The time is an
 * instant (UTC, {@code Z}), unlike the log's zone-less wall times; {@code version} is null and
 * {@code movies} empty for an answer that did not come from the store (503). Formatted on the
 * telemetry thread, never on a request's.
 */
final class AnswerRecords {

    private static final JsonFactory JSON = new JsonFactory();

    private AnswerRecords() {
    }

    /**
     * One record. {@code value[0, textLength)} holds the ids as answered, joined by commas (the
     * stored text body); a null value means none were served.
     */
    static String format(long epochMillis, long userId, String version, String arm, byte[] value, int textLength,
            boolean coldStart, long latencyNanos, int status) {
        StringWriter out = new StringWriter(96 + textLength);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(epochMillis).toString());
            g.writeNumberField("user", userId);
            g.writeStringField("version", version);
            g.writeStringField("arm", arm);
            g.writeArrayFieldStart("movies");
            if (value != null && textLength > 0) {
                String text = new String(value, 0, textLength, StandardCharsets.UTF_8);
                int from = 0;
                for (int comma = text.indexOf(','); ; comma = text.indexOf(',', from)) {
                    g.writeString(comma < 0 ? text.substring(from) : text.substring(from, comma));
                    if (comma < 0) {
                        break;
                    }
                    from = comma + 1;
                }
            }
            g.writeEndArray();
            g.writeBooleanField("coldStart", coldStart);
            g.writeNumberField("latencyMs", latencyNanos / 1e6);
            g.writeNumberField("status", status);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
