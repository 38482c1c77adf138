package dev.marquee.deploy;

import java.time.Duration;

/**
 * How a rollout ended.
 *
 * @param outcome confirmed, rolled back, or unconfirmed with nothing rolled back
 * @param versionId the version that was rolled out
 * @param previous the version that served before the run, or null if there was none
 * @param last the last look at the pods
 * @param elapsed how long the rollout took
 */
public record RolloutResult(Outcome outcome, String versionId, String previous, RolloutProgress last,
        Duration elapsed) {

    /** Process exit code of {@code marquee batch} when a published version's rollout was not confirmed. */
    public static final int ROLLED_BACK_EXIT = 4;

    /** How a rollout ended. */
    public enum Outcome {
        /** Every ready pod reported the new version before the deadline. */
        CONFIRMED,
        /** The deadline passed; CURRENT points at the previous version again. */
        ROLLED_BACK,
        /** The deadline passed, but there was nothing to roll back to (first version) or CURRENT had moved on. */
        UNCONFIRMED
    }

    /** 0 when confirmed, else {@link #ROLLED_BACK_EXIT}. */
    public int exitCode() {
        return outcome == Outcome.CONFIRMED ? 0 : ROLLED_BACK_EXIT;
    }
}
