package dev.marquee.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Value encoding: the movie ids joined by ',' in UTF-8, which is exactly the HTTP response body
 * of {@code GET /recommend/<userId>}, so serving sends the stored bytes as they are.
 */
public final class Values {

    private static final byte SEPARATOR = ',';

    private Values() {
    }

    /**
     * Encodes ids, best first.
     *
     * @throws IllegalArgumentException if an id is null, empty, or contains ',', whitespace or a
     *     control character (any of them would corrupt the response body)
     */
    public static byte[] encode(List<String> movieIds) {
        for (String id : movieIds) {
            checkId(id);
        }
        return String.join(",", movieIds).getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes what {@link #encode} wrote; an empty array is the empty list. */
    public static List<String> decode(byte[] value) {
        if (value.length == 0) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length; i++) {
            if (i == value.length || value[i] == SEPARATOR) {
                ids.add(new String(value, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return Collections.unmodifiableList(ids);
    }

    private static void checkId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("movie id must be non-empty, got " + (id == null ? "null" : "\"\""));
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == ',' || c <= ' ' || c == 0x7F) {
                throw new IllegalArgumentException("movie id must not contain ',', whitespace or control characters: "
                        + id.replaceAll("\\p{Cntrl}", "?"));
            }
        }
    }
}
