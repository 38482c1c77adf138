package dev.marquee.apps.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {
    @AfterEach
    void clear() {
        List.of("marquee.test.list.0", "marquee.test.list.1", "marquee.test.number").forEach(System::clearProperty);
        ConfigFactory.invalidateCaches();
    }

    @Test
    void aBracketedValueIsAListAndAPlainOneAScalar() {
        ConfigOverrides.apply(List.of("marquee.test.list=[popularity, \"ease\"]", "marquee.test.number=0.5"));
        assertEquals(List.of("popularity", "ease"), ConfigFactory.load().getStringList("marquee.test.list"));
        assertEquals(0.5, ConfigFactory.load().getDouble("marquee.test.number"));
    }

    @Test
    void aFlagWithoutKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConfigOverrides.apply(List.of("=3")));
    }
}
