/**
 * Drift monitoring: each run compares the events it ingested with the previous nights' before it
 * commits. {@link dev.marquee.batch.drift.Summarizer} reduces a run's events to a
 * {@link dev.marquee.batch.drift.RunSummary} (counts, decile shares, bounded hash samples), kept in
 * the lake by {@link dev.marquee.batch.drift.DriftSummaries} so no night rereads old events;
 * {@link dev.marquee.batch.drift.DriftCheck} compares it with the latest committed runs' summaries by
 * the population stability index or a two-sample Kolmogorov-Smirnov test
 * ({@link dev.marquee.batch.drift.DriftStatistics}); {@link dev.marquee.batch.drift.DriftMonitor} is
 * ingestion's {@link dev.marquee.batch.ingest.RunCheck}: it logs and writes the
 * {@link dev.marquee.batch.drift.DriftReport} and stops the run (exit 2) at a stop level. See
 * docs/drift.md.
 */
package dev.marquee.batch.drift;
