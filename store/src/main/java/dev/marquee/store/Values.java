package dev.marquee.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Value encoding (store format 4, ADR 0011; format 2 and 3 values in ADR 0008). A format-4 value is
 * <pre>
 *   [text: every id joined by ',' in UTF-8] [k scores: float32 big-endian] [body length: uint16 big-endian] [k: uint8]
 * </pre>
 * The first {@code body length} bytes of the text are the {@code text/plain} body of
 * {@code GET /recommend/<userId>} (the top-n ids) and start at offset 0, so serving sends
 * {@code value[0, textLength)} without copying. After the body come the <em>spares</em>
 * ({@code ",spare1,spare2..."}): the next best movies, which replace movies the user watched or
 * rated after the version was built (fresh answers). {@code k} is 0 (no scores) or the number of
 * all ids (body and spares), at most 255.
 *
 * <p>Format 2 and 3 values are {@code [text][k scores][k]} (no spares, the text is the body);
 * format 1 values are the text alone. Every reader here takes the store format of the value.
 */
public final class Values {

    /** Most ids a value with scores can hold (k is one byte). */
    public static final int MAX_SCORED = 255;

    /** Longest body a format-4 value can announce (its length is two bytes). */
    public static final int MAX_BODY_BYTES = 0xFFFF;

    /** The first store format whose values carry spares after the body. */
    public static final int SPARES_FORMAT = 4;

    private static final byte SEPARATOR = ',';
    private static final float[] NO_SCORES = new float[0];

    private Values() {
    }

    /** Encodes ids, best first, without scores or spares. */
    public static byte[] encode(List<String> movieIds) {
        return encode(movieIds, null);
    }

    /** Encodes ids, best first, with their scores (null or empty for none), no spares. */
    public static byte[] encode(List<String> movieIds, float[] scores) {
        return encode(movieIds, scores, movieIds.size());
    }

    /**
     * Encodes ids, best first, with their scores, in the current format: the first {@code bodyCount}
     * ids are the answer, the rest are spares.
     *
     * @param scores null or empty for none, else one finite score per id (spares included)
     * @throws IllegalArgumentException if an id is null, empty, or contains ',', whitespace or a
     *     control character (any of them would corrupt the response body); or the scores do not
     *     match the ids, are not finite, or there are more than {@link #MAX_SCORED} of them; or
     *     {@code bodyCount} is out of range or the body longer than {@link #MAX_BODY_BYTES}
     */
    public static byte[] encode(List<String> movieIds, float[] scores, int bodyCount) {
        return encode(Manifest.FORMAT_VERSION, movieIds, scores, bodyCount);
    }

    /**
     * Encodes a value of store format {@code formatVersion}. Formats before 4 hold no spares: only
     * the first {@code bodyCount} ids (and their scores; format 1: no scores) are kept.
     */
    public static byte[] encode(int formatVersion, List<String> movieIds, float[] scores, int bodyCount) {
        if (bodyCount < 0 || bodyCount > movieIds.size()) {
            throw new IllegalArgumentException("body of " + bodyCount + " ids out of " + movieIds.size());
        }
        for (String id : movieIds) {
            checkId(id);
        }
        int k = scores == null ? 0 : scores.length;
        if (k != 0 && k != movieIds.size()) {
            throw new IllegalArgumentException(k + " scores for " + movieIds.size() + " movie ids");
        }
        boolean spares = formatVersion >= SPARES_FORMAT;
        List<String> ids = spares ? movieIds : movieIds.subList(0, bodyCount);
        if (formatVersion == 1) {
            return String.join(",", ids).getBytes(StandardCharsets.UTF_8);
        }
        k = k == 0 ? 0 : ids.size();
        if (k > MAX_SCORED) {
            throw new IllegalArgumentException("at most " + MAX_SCORED + " scored ids per value, got " + k);
        }
        byte[] text = String.join(",", ids).getBytes(StandardCharsets.UTF_8);
        int body = spares ? String.join(",", movieIds.subList(0, bodyCount)).getBytes(StandardCharsets.UTF_8).length
                : text.length;
        if (spares && body > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body of " + body + " bytes is longer than " + MAX_BODY_BYTES);
        }
        ByteBuffer buf = ByteBuffer.allocate(text.length + 4 * k + (spares ? 3 : 1)); // big-endian
        buf.put(text);
        for (int i = 0; i < k; i++) {
            if (!Float.isFinite(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is not finite: " + scores[i]);
            }
            buf.putFloat(scores[i]);
        }
        if (spares) {
            buf.putShort((short) body);
        }
        buf.put((byte) k);
        return buf.array();
    }

    /** Length of the body (the text answer) at the start of a current-format value. */
    public static int textLength(byte[] value) {
        return textLength(value, Manifest.FORMAT_VERSION);
    }

    /**
     * Length of the body (the text answer) at the start of a value of the given store format: one
     * read of the trailer, no scan.
     *
     * @throws IllegalArgumentException if the value is too short for the trailer it announces
     */
    public static int textLength(byte[] value, int formatVersion) {
        int all = allTextLength(value, formatVersion);
        if (formatVersion < SPARES_FORMAT) {
            return all;
        }
        int body = ((value[value.length - 3] & 0xFF) << 8) | (value[value.length - 2] & 0xFF);
        if (body > all || (body > 0 && body < all && value[body] != SEPARATOR)) {
            throw new IllegalArgumentException("format 4 value announces a body of " + body + " bytes in a text of " + all);
        }
        return body;
    }

    /** Length of the text of every id, the body and its spares (formats before 4: the body). */
    public static int allTextLength(byte[] value, int formatVersion) {
        if (formatVersion == 1) {
            return value.length;
        }
        int trailer = formatVersion >= SPARES_FORMAT ? 3 : 1;
        if (value.length < trailer) {
            throw new IllegalArgumentException("format " + formatVersion + " value of " + value.length
                    + " bytes is shorter than its trailer");
        }
        int k = value[value.length - 1] & 0xFF;
        int length = value.length - trailer - 4 * k;
        if (length < 0) {
            throw new IllegalArgumentException("value of " + value.length + " bytes cannot hold " + k + " scores");
        }
        return length;
    }

    /** The scores of the body of a current-format value, best first; empty if it has none. */
    public static float[] scores(byte[] value) {
        return scores(value, Manifest.FORMAT_VERSION);
    }

    /** The scores of the body's ids of a value of the given store format (format 1 has none). */
    public static float[] scores(byte[] value, int formatVersion) {
        float[] all = allScores(value, formatVersion);
        if (all.length == 0 || formatVersion < SPARES_FORMAT) {
            return all;
        }
        int bodyIds = count(value, textLength(value, formatVersion));
        return bodyIds == all.length ? all : java.util.Arrays.copyOf(all, bodyIds);
    }

    /** The scores of every id, body and spares, of a value of the given store format. */
    public static float[] allScores(byte[] value, int formatVersion) {
        if (formatVersion == 1) {
            return NO_SCORES;
        }
        int k = value[value.length - 1] & 0xFF;
        if (k == 0) {
            return NO_SCORES;
        }
        ByteBuffer buf = ByteBuffer.wrap(value, allTextLength(value, formatVersion), 4 * k);
        float[] scores = new float[k];
        for (int i = 0; i < k; i++) {
            scores[i] = buf.getFloat();
        }
        return scores;
    }

    /** Decodes the body's ids (the answer) of a current-format value. */
    public static List<String> decode(byte[] value) {
        return decode(value, Manifest.FORMAT_VERSION);
    }

    /** Decodes the body's ids (the answer) of a value of the given store format; no ids is the empty list. */
    public static List<String> decode(byte[] value, int formatVersion) {
        return split(value, textLength(value, formatVersion));
    }

    /** Decodes every id, the body's and then the spares, of a value of the given store format. */
    public static List<String> decodeAll(byte[] value, int formatVersion) {
        return split(value, allTextLength(value, formatVersion));
    }

    private static List<String> split(byte[] value, int end) {
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

    /** Ids in {@code value[0, end)}. */
    private static int count(byte[] value, int end) {
        if (end == 0) {
            return 0;
        }
        int n = 1;
        for (int i = 0; i < end; i++) {
            if (value[i] == SEPARATOR) {
                n++;
            }
        }
        return n;
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
