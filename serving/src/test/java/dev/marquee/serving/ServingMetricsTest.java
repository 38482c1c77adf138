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

    @Test
    void createdGaugeIsTheManifestsInstantInUnixSeconds() {
        assertEquals(1_764_547_200.5, ServingMetrics.createdSeconds("2025-12-01T00:00:00.500Z"));
        assertTrue(Double.isNaN(ServingMetrics.createdSeconds("yesterday")));
    }
}
