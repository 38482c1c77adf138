package dev.marquee.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RolloutConfigTest {

    @Test
    void defaultsComeFromReferenceConf() {
        RolloutConfig c = RolloutConfig.load(ConfigFactory.defaultReference());
        assertEquals(System.getenv("MARQUEE_ROLLOUT_ENABLED") != null
                ? Boolean.parseBoolean(System.getenv("MARQUEE_ROLLOUT_ENABLED")) : false, c.enabled());
        assertEquals("app.kubernetes.io/name=marquee-serving", c.selector());
        assertEquals(Duration.ofMinutes(5), c.deadline());
        assertEquals(Duration.ofSeconds(2), c.pollInterval());
    }

    @Test
    void keysOverrideAndAreValidated() {
        RolloutConfig c = RolloutConfig.load(ConfigFactory.parseString(
                "marquee.rollout { enabled = true, namespace = prod, deadline = 90s }")
                .withFallback(ConfigFactory.defaultReference()));
        assertTrue(c.enabled());
        assertEquals("prod", c.resolvedNamespace());
        assertEquals(Duration.ofSeconds(90), c.deadline());
        assertThrows(IllegalArgumentException.class, () -> RolloutConfig.load(ConfigFactory.parseString(
                "marquee.rollout.deadline = 0s").withFallback(ConfigFactory.defaultReference())));
    }

    @Test
    void anEmptyNamespaceMeansThisPodsOwn() {
        RolloutConfig c = new RolloutConfig(false, "", "a=b", Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertFalse(c.resolvedNamespace().isBlank());
    }
}
