/**
 * The lookup service: {@code GET /recommend/{userId}} answered with one RocksDB get from the
 * store version named by {@code CURRENT}, which {@link dev.marquee.serving.VersionManager}
 * watches and swaps without dropping a request. {@link dev.marquee.serving.ServeMain} only
 * reads config and wires; {@link dev.marquee.serving.RecommendApp} holds the HTTP boundary.
 */
package dev.marquee.serving;
