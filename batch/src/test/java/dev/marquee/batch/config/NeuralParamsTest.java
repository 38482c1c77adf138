package dev.marquee.batch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code marquee.batch.models.neural} section of reference.conf reads into valid settings. */
class NeuralParamsTest {

    @Test
    void readsTheReferenceSection() {
        NeuralParams p = NeuralParams.from(ConfigFactory.defaultReference().getConfig("marquee.batch.models.neural"));
        assertEquals(50, p.candidatesPerSource());
        assertEquals(List.of(64, 32), p.hidden());
        assertEquals(20, p.listSize());
        assertEquals(42L, p.seed());
    }

    @Test
    void refusesAListOfOne() {
        assertThrows(IllegalArgumentException.class,
                () -> new NeuralParams(50, List.of(8), 1, 1, 0.01f, 1, 1, 1, 1L));
    }
}
