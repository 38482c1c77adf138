package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainTextErrorHandlerTest {

    @Test
    void writesOneSafeLine() {
        assertEquals("bad request: Bad Request", text(400, null));
        assertEquals("uri too long: too?long", text(414, "too\nlong"));
    }

    private static String text(int code, String message) {
        return new String(PlainTextErrorHandler.line(code, message), StandardCharsets.UTF_8);
    }
}
