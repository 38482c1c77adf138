package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void startsWithTheExactResponseBody() {
        byte[] text = "the+matrix+1999,alien+1979,amélie+2001".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Values.encode(List.of("the+matrix+1999", "alien+1979", "amélie+2001"));
        assertEquals(text.length, Values.textLength(bytes));
        assertArrayEquals(text, Arrays.copyOf(bytes, Values.textLength(bytes)));
        assertEquals(text.length + 3, bytes.length, "no scores, no spares: body length and count");
        assertEquals(0, bytes[bytes.length - 1]);
    }

    @Test
    void scoresFollowTheTextAsBigEndianFloatsThenTheirCount() {
        List<String> ids = List.of("a+1", "b+2", "amélie+2001");
        float[] scores = {4.5f, -0.25f, 1e-3f};
        byte[] bytes = Values.encode(ids, scores);
        byte[] text = "a+1,b+2,amélie+2001".getBytes(StandardCharsets.UTF_8);
        assertEquals(text.length + 12 + 3, bytes.length);
        assertArrayEquals(text, Arrays.copyOf(bytes, Values.textLength(bytes)));
        assertArrayEquals(new byte[] {0x40, (byte) 0x90, 0, 0}, Arrays.copyOfRange(bytes, text.length, text.length + 4),
                "4.5f big-endian");
        assertEquals(3, bytes[bytes.length - 1]);
        assertEquals(text.length, ((bytes[bytes.length - 3] & 0xFF) << 8) | (bytes[bytes.length - 2] & 0xFF));
        assertArrayEquals(scores, Values.scores(bytes));
        assertEquals(ids, Values.decode(bytes));
    }

    @Test
    void sparesFollowTheBodyAndTheBodyLengthIsReadFromTheTrailer() {
        List<String> ids = List.of("a+1", "b+2", "c+3", "d+4");
        float[] scores = {4f, 3f, 2f, 1f};
        byte[] bytes = Values.encode(ids, scores, 2);
        byte[] all = "a+1,b+2,c+3,d+4".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(all, Arrays.copyOf(bytes, all.length), "the body, then ',' and the spares");
        assertEquals("a+1,b+2".length(), Values.textLength(bytes));
        assertEquals(List.of("a+1", "b+2"), Values.decode(bytes));
        assertArrayEquals(new float[] {4f, 3f}, Values.scores(bytes));
        assertEquals(ids, Values.decodeAll(bytes, 4));
        assertArrayEquals(scores, Values.allScores(bytes, 4));
        byte[] noBody = Values.encode(ids, null, 0);
        assertEquals(0, Values.textLength(noBody));
        assertEquals(ids, Values.decodeAll(noBody, 4));
    }

    @Test
    void olderFormatsAreEncodedWithoutSpares() {
        List<String> ids = List.of("a+1", "b+2", "c+3");
        byte[] three = Values.encode(3, ids, new float[] {3f, 2f, 1f}, 2);
        assertEquals("a+1,b+2".length() + 8 + 1, three.length);
        assertEquals(List.of("a+1", "b+2"), Values.decodeAll(three, 3));
        assertArrayEquals(new float[] {3f, 2f}, Values.scores(three, 3));
        assertArrayEquals("a+1,b+2".getBytes(StandardCharsets.UTF_8), Values.encode(1, ids, null, 2));
    }

    @Test
    void rejectsABodyLengthThatDoesNotEndAtAnId() {
        byte[] bytes = Values.encode(List.of("a+1", "b+2"), null, 1);
        bytes[bytes.length - 2] = 2; // a body "a+" inside the first id
        assertThrows(IllegalArgumentException.class, () -> Values.textLength(bytes));
    }

    @Test
    void formatOneValuesAreTheTextAlone() {
        byte[] v1 = "a+1,b+2".getBytes(StandardCharsets.UTF_8);
        assertEquals(v1.length, Values.textLength(v1, 1));
        assertEquals(List.of("a+1", "b+2"), Values.decode(v1, 1));
        assertEquals(0, Values.scores(v1, 1).length);
    }

    @Test
    void rejectsScoresThatDoNotFitAndValuesTooShortForTheirCount() {
        assertThrows(IllegalArgumentException.class, () -> Values.encode(List.of("a", "b"), new float[] {1f}));
        assertThrows(IllegalArgumentException.class, () -> Values.encode(List.of("a"), new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Values.textLength(new byte[] {'a', 2}, 3));
        assertThrows(IllegalArgumentException.class, () -> Values.textLength(new byte[] {'a', 0, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Values.textLength(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Values.encode(List.of("a"), null, 2));
    }

    @Test
    void decodeInvertsEncode() {
        List<String> ids = List.of("a+1", "b+2", "amélie+2001", "x");
        assertEquals(ids, Values.decode(Values.encode(ids)));
        assertEquals(List.of("solo+2000"), Values.decode(Values.encode(List.of("solo+2000"))));
    }

    @Test
    void emptyListIsJustTheTrailer() {
        assertArrayEquals(new byte[] {0, 0, 0}, Values.encode(List.of()));
        assertEquals(List.of(), Values.decode(new byte[] {0, 0, 0}));
        assertEquals(List.of(), Values.decode(new byte[] {0}, 3));
        assertEquals(List.of(), Values.decode(new byte[0], 1));
    }

    @Test
    void rejectsIdsThatWouldCorruptTheBody() {
        for (String bad : List.of("", "a,b", "a b", "a\nb", "a\tb")) {
            assertThrows(IllegalArgumentException.class, () -> Values.encode(List.of("ok", bad)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Values.encode(Arrays.asList("ok", null)));
    }
}
