package dev.marquee.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Value encoding (store format 2, ADR 0008). A value is
 * <pre>
 *   [text: movie ids joined by ',' in UTF-8] [k scores: float32 big-endian] [k: one unsigned byte]
 * </pre>
 * The text is exactly the {@code text/plain} body of {@code GET /recommend/<userId>} and starts at
 * offset 0, so serving sends {@code value[0, textLength)} without copying. {@code k} is 0 (no
 * scores: e.g. the popularity baseline) or the number of ids, at most 255.
 *
 * <p>Format 1 values (store format 1) are the text alone; {@link #textLength(byte[], int)} and
 * {@link #scores(byte[], int)} read both formats.
 */
public final class Values {

    /** Most ids a value with scores can hold (k is one byte). */
    public static final int MAX_SCORED = 255;

    private static final byte SEPARATOR = ',';
    private static final float[] NO_SCORES = new float[0];

    private Values() {
    }

    /** Encodes ids, best first, without scores. */
    public static byte[] encode(List<String> movieIds) {
        return encode(movieIds, null);
    }

    /**
     * Encodes ids, best first, with their scores.
     *
     * @param scores null or empty for none, else one finite score per id
     * @throws IllegalArgumentException if an id is null, empty, or contains ',', whitespace or a
     *     control character (any of them would corrupt the response body); or the scores do not
     *     match the ids, are not finite, or there are more than {@link #MAX_SCORED} of them
     */
    public static byte[] encode(List<String> movieIds, float[] scores) {
        for (String id : movieIds) {
            checkId(id);
        }
        int k = scores == null ? 0 : scores.length;
        if (k != 0 && k != movieIds.size()) {
            throw new IllegalArgumentException(k + " scores for " + movieIds.size() + " movie ids");
        }
        if (k > MAX_SCORED) {
            throw new IllegalArgumentException("at most " + MAX_SCORED + " scored ids per value, got " + k);
        }
        byte[] text = String.join(",", movieIds).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(text.length + 4 * k + 1); // big-endian
        buf.put(text);
        for (int i = 0; i < k; i++) {
            if (!Float.isFinite(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is not finite: " + scores[i]);
            }
            buf.putFloat(scores[i]);
        }
        buf.put((byte) k);
        return buf.array();
    }

    /** Length of the text prefix of a current-format value (the response body). */
    public static int textLength(byte[] value) {
        return textLength(value, Manifest.FORMAT_VERSION);
    }

    /**
     * Length of the text prefix (the response body) of a value of the given store format.
     *
     * @throws IllegalArgumentException if the value is too short for the scores it announces
     */
    public static int textLength(byte[] value, int formatVersion) {
        if (formatVersion == 1) {
            return value.length;
        }
        if (value.length == 0) {
            throw new IllegalArgumentException("format " + formatVersion + " value is empty: no score-count byte");
        }
        int k = value[value.length - 1] & 0xFF;
        int length = value.length - 1 - 4 * k;
        if (length < 0) {
            throw new IllegalArgumentException("value of " + value.length + " bytes cannot hold " + k + " scores");
        }
        return length;
    }

    /** The scores of a current-format value, best first; empty if it has none. */
    public static float[] scores(byte[] value) {
        return scores(value, Manifest.FORMAT_VERSION);
    }

    /** The scores of a value of the given store format (format 1 has none). */
    public static float[] scores(byte[] value, int formatVersion) {
        int text = textLength(value, formatVersion);
        int k = (value.length - 1 - text) / 4;
        if (formatVersion == 1 || k == 0) {
            return NO_SCORES;
        }
        ByteBuffer buf = ByteBuffer.wrap(value, text, 4 * k);
        float[] scores = new float[k];
        for (int i = 0; i < k; i++) {
            scores[i] = buf.getFloat();
        }
        return scores;
    }

    /** Decodes the ids of a current-format value. */
    public static List<String> decode(byte[] value) {
        return decode(value, Manifest.FORMAT_VERSION);
    }

    /** Decodes the ids of a value of the given store format; no ids is the empty list. */
    public static List<String> decode(byte[] value, int formatVersion) {
        int end = textLength(value, formatVersion);
        if (end == 0) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || value[i] == SEPARATOR) {
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
