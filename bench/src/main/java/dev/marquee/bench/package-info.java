/**
 * Benchmarks run by the scripts under {@code bench/} ({@code bench/ingest}, {@code bench/models},
 * {@code bench/neural}, {@code bench/serve}): each prints its figures, the last line a key=value.
 * Not production code: nothing in the other modules depends on this one.
 */
package dev.marquee.bench;
