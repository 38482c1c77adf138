/**
 * Kubernetes deployment support. Service side: {@link dev.marquee.deploy.PodVersionReporter}
 * writes the store version a pod serves into its own Pod's annotation after each swap. Job side:
 * {@link dev.marquee.deploy.Rollout} waits until every ready service pod reports a newly published
 * version and rolls CURRENT back on a deadline. The manifests themselves live in {@code k8s/} at
 * the repository root; this module's tests check them.
 */
package dev.marquee.deploy;
