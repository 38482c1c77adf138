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
        assertEquals(text.length + 1, bytes.length, "no scores: one trailing count byte");
        assertEquals(0, bytes[bytes.length - 1]);
    }

    @Test
    void scoresFollowTheTextAsBigEndianFloatsThenTheirCount() {
        List<String> ids = List.of("a+1", "b+2", "amélie+2001");
        float[] scores = {4.5f, -0.25f, 1e-3f};
        byte[] bytes = Values.encode(ids, scores);
        byte[] text = "a+1,b+2,amélie+2001".getBytes(StandardCharsets.UTF_8);
        assertEquals(text.length + 12 + 1, bytes.length);
        assertArrayEquals(text, Arrays.copyOf(bytes, Values.textLength(bytes)));
        assertArrayEquals(new byte[] {0x40, (byte) 0x90, 0, 0}, Arrays.copyOfRange(bytes, text.length, text.length + 4),
                "4.5f big-endian");
        assertEquals(3, bytes[bytes.length - 1]);
        assertArrayEquals(scores, Values.scores(bytes));
        assertEquals(ids, Values.decode(bytes));
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
        assertThrows(IllegalArgumentException.class, () -> Values.textLength(new byte[] {'a', 2}));
        assertThrows(IllegalArgumentException.class, () -> Values.textLength(new byte[0]));
    }

    @Test
    void decodeInvertsEncode() {
        List<String> ids = List.of("a+1", "b+2", "amélie+2001", "x");
        assertEquals(ids, Values.decode(Values.encode(ids)));
        assertEquals(List.of("solo+2000"), Values.decode(Values.encode(List.of("solo+2000"))));
    }

    @Test
    void emptyListIsJustTheCountByte() {
        assertArrayEquals(new byte[] {0}, Values.encode(List.of()));
        assertEquals(List.of(), Values.decode(new byte[] {0}));
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
