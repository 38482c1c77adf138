/**
 * The lookup service: {@code GET /recommend/{userId}} answered with one RocksDB get from the
 * store version named by {@code CURRENT}, which {@link dev.marquee.serving.VersionManager}
 * watches and swaps without dropping a request. {@link dev.marquee.serving.Service} wires the
 * parts; {@link dev.marquee.serving.RecommendApp} holds the HTTP boundary. Knows nothing of
 * Kubernetes: the serve app ({@code apps/serve}) attaches the pod version reporter as a
 * {@link dev.marquee.serving.VersionListener}. Package {@code fresh} follows the platform's log and
 * leaves out of an answer what the user watched since the version's data was cut (ADR 11).
 */
package dev.marquee.serving;
