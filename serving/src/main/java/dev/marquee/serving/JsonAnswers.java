package dev.marquee.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.marquee.store.StoreReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON answer ({@code Accept: application/json}):
 * {@code {"user":3,"items":["a+1999",...],"scores":[0.91,...],"version":"v000003","arm":"main","coldStart":false}}.
 * {@code arm} is the A/B arm that answered ({@code main} unless the version carries arms and the split
 * assigns the user to one).
 * {@code scores} is empty when the version stores none (format 1, or a model without scores).
 * A refusal is {@code {"status":400,"error":"<the one-line reason>"}}.
 */
final class JsonAnswers {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonAnswers() {
    }

    static byte[] write(long userId, StoreReader reader, byte[] value, boolean coldStart, String arm) {
        List<String> ids = reader.ids(value);
        float[] scores = reader.scores(value);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 32 * ids.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("user", userId);
            g.writeArrayFieldStart("items");
            for (String id : ids) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("scores");
            for (float s : scores) {
                g.writeNumber(s);
            }
            g.writeEndArray();
            g.writeStringField("version", reader.versionId());
            g.writeStringField("arm", arm);
            g.writeBooleanField("coldStart", coldStart);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The JSON form of a refusal: its status and the same one-line reason a text client gets. */
    static byte[] error(int status, String reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + reason.length());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("status", status);
            g.writeStringField("error", reason);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
