package dev.marquee.deploy;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Configuration of the rollout check, from {@code marquee.rollout} (reference.conf of this module).
 *
 * @param enabled whether {@code marquee batch} waits for the service's pods after publishing
 * @param namespace namespace of the service's pods; empty means this pod's own
 * @param selector label selector of the service's pods
 * @param deadline how long the ready pods get to report the new version
 * @param pollInterval how often the pods are listed while waiting
 */
public record RolloutConfig(boolean enabled, String namespace, String selector, Duration deadline,
        Duration pollInterval) {

    public RolloutConfig {
        if (namespace == null || selector == null || selector.isBlank()) {
            throw new IllegalArgumentException("marquee.rollout.namespace must be set and selector must not be empty");
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("marquee.rollout.deadline must be positive, got " + deadline);
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("marquee.rollout.poll-interval must be positive, got " + pollInterval);
        }
    }

    /** Reads {@code marquee.rollout} from a resolved config (reference.conf supplies every default). */
    public static RolloutConfig load(Config root) {
        Config c = root.getConfig("marquee.rollout");
        return new RolloutConfig(c.getBoolean("enabled"), c.getString("namespace").trim(), c.getString("selector").trim(),
                c.getDuration("deadline"), c.getDuration("poll-interval"));
    }

    /** The namespace to use: the configured one, else this pod's ({@link InCluster#namespace()}). */
    public String resolvedNamespace() {
        return namespace.isEmpty() ? InCluster.namespace() : namespace;
    }
}
