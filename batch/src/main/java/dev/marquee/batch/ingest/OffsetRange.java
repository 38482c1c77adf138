package dev.marquee.batch.ingest;

/**
 * Offsets of one partition a run consumed.
 *
 * @param from first offset read
 * @param until offset after the last one read
 */
public record OffsetRange(long from, long until) {}
