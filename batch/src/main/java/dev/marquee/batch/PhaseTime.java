package dev.marquee.batch;

/**
 * One phase of a nightly run and what it cost.
 *
 * @param name the phase ({@code ingest}, {@code interactions}, {@code models}, ...)
 * @param wallMs its wall time
 * @param cpuMs the process's CPU time in it, every thread (Spark's local executors too); -1 where
 *     the JVM does not say
 */
public record PhaseTime(String name, long wallMs, long cpuMs) {}
