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
    void encodesAsTheExactResponseBody() {
        byte[] bytes = Values.encode(List.of("the+matrix+1999", "alien+1979", "amélie+2001"));
        assertArrayEquals("the+matrix+1999,alien+1979,amélie+2001".getBytes(StandardCharsets.UTF_8), bytes);
    }

    @Test
    void decodeInvertsEncode() {
        List<String> ids = List.of("a+1", "b+2", "amélie+2001", "x");
        assertEquals(ids, Values.decode(Values.encode(ids)));
        assertEquals(List.of("solo+2000"), Values.decode(Values.encode(List.of("solo+2000"))));
    }

    @Test
    void emptyListIsEmptyValue() {
        assertEquals(0, Values.encode(List.of()).length);
        assertEquals(List.of(), Values.decode(new byte[0]));
    }

    @Test
    void rejectsIdsThatWouldCorruptTheBody() {
        for (String bad : List.of("", "a,b", "a b", "a\nb", "a\tb")) {
            assertThrows(IllegalArgumentException.class, () -> Values.encode(List.of("ok", bad)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Values.encode(Arrays.asList("ok", null)));
    }
}
