/** Benchmarks run by the scripts under {@code bench/}: each prints its figures, the last line a key=value. */
package dev.marquee.cli.bench;
