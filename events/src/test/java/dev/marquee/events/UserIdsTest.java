package dev.marquee.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The user id rule shared by the log parser and the service's request path. */
class UserIdsTest {

    @Test
    void parsesPlainNonNegativeIntegers() {
        assertEquals(0, UserIds.parse("0"));
        assertEquals(42, UserIds.parse("42"));
        assertEquals(7, UserIds.parse("007"));
        assertEquals(Long.MAX_VALUE, UserIds.parse("9223372036854775807"));
        assertEquals(1_000_000_000_000_000_000L, UserIds.parse("1000000000000000000"));
    }

    @Test
    void parsesASliceWithoutCopying() {
        assertEquals(123, UserIds.parse("/recommend/123", 11, 14));
        assertEquals(UserIds.INVALID, UserIds.parse("/recommend/", 11, 11));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "1.5", "abc", "%31", "1%20", "0x10", " 1", "1 ", "١",
        "9223372036854775808", "9999999999999999999", "18446744073709551616", "00000000000000000001"})
    void rejectsEverythingElse(String raw) {
        assertEquals(UserIds.INVALID, UserIds.parse(raw));
    }
}
