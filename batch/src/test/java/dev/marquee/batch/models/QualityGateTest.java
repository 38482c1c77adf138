package dev.marquee.batch.models;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class QualityGateTest {

    @Test
    void publishesWhenNothingServes() {
        GateDecision d = QualityGate.decide(0.01, OptionalDouble.empty(), 0.005);
        assertTrue(d.publish());
        assertTrue(d.reason().contains("0.0100"), d.reason());
    }

    @Test
    void publishesWithinTheMargin() {
        GateDecision d = QualityGate.decide(0.296, OptionalDouble.of(0.300), 0.005);
        assertTrue(d.publish(), d.reason());
        assertTrue(d.reason().contains("0.2960") && d.reason().contains("0.3000"), d.reason());
    }

    @Test
    void refusesBelowTheMarginWithBothNumbers() {
        GateDecision d = QualityGate.decide(0.290, OptionalDouble.of(0.300), 0.005);
        assertFalse(d.publish());
        assertTrue(d.reason().startsWith("refused") && d.reason().contains("0.2900") && d.reason().contains("0.3000"),
                d.reason());
    }

    @Test
    void refusesNaN() {
        assertFalse(QualityGate.decide(Double.NaN, OptionalDouble.empty(), 0.005).publish());
    }
}
