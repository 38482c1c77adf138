/**
 * Kubernetes deployment support: after the nightly job publishes a version, waits until every
 * ready service pod reports it, and rolls CURRENT back on a deadline.
 */
package dev.marquee.deploy;
