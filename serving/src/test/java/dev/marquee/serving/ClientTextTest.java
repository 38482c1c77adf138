package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientTextTest {

    @Test
    void echoIsShortPrintableAndQuoteFree() {
        assertEquals("abc", ClientText.echo("abc"));
        assertEquals("a?b?c?", ClientText.echo("a\nb\"c\r"));
        String echoed = ClientText.echo("9".repeat(100));
        assertEquals("9".repeat(40) + "...", echoed);
    }
}
