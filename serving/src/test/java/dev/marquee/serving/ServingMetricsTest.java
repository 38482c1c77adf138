package dev.marquee.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServingMetricsTest {

    @Test
    void versionGaugeIsTheNumberInTheVersionId() {
        assertEquals(42.0, ServingMetrics.versionNumber("v000042"));
        assertEquals(1_000_000.0, ServingMetrics.versionNumber("v1000000"));
        assertTrue(Double.isNaN(ServingMetrics.versionNumber("scratch")));
    }
}
