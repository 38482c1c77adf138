package dev.marquee.batch.models;

/**
 * Whether a candidate model may be published.
 *
 * @param publish true to publish
 * @param reason one sentence with both figures
 */
public record GateDecision(boolean publish, String reason) {
}
