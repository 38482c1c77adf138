package dev.marquee.deploy;

import java.time.Duration;

/**
 * One look at the service's pods while a rollout waits.
 *
 * @param versionId the version being rolled out
 * @param pods pods matching the selector (terminating ones excluded)
 * @param ready those whose Ready condition is True
 * @param atVersion ready pods whose annotation names {@code versionId}
 * @param elapsed time since the rollout started
 * @param error why the pods could not be listed this time, or null
 */
public record RolloutProgress(String versionId, int pods, int ready, int atVersion, Duration elapsed, String error) {

    /** Every ready pod serves the version, and there is at least one. */
    public boolean confirmed() {
        return error == null && ready > 0 && atVersion == ready;
    }

    @Override
    public String toString() {
        String time = String.format("%.1f s", elapsed.toMillis() / 1000.0);
        if (error != null) {
            return "rollout of " + versionId + ": cannot list pods (" + error + "), " + time;
        }
        return "rollout of " + versionId + ": " + pods + " pods, " + ready + " ready, " + atVersion + " at "
                + versionId + ", " + time;
    }
}
