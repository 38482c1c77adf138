/**
 * The nightly batch job: reads the platform's log from Kafka between explicit offsets into the
 * lake ({@code ingest}; {@code drift} compares each night's data with the previous nights' before the
 * commit), builds the interactions ({@code train}), tunes and judges every candidate
 * model on a global time cut ({@code candidates}, {@code rank}, {@code models}, {@code eval.*}),
 * computes every user's top-N unseen movies and a cold-start list ({@code recommend}) and
 * publishes them as a new store version ({@code publish}). Configuration lives in {@code config},
 * below everything else, and so do the progress lines ({@code progress}). This root package runs
 * the job: {@link dev.marquee.batch.BatchMain} only wires, {@link dev.marquee.batch.NightlyJob}
 * runs the phases, {@link dev.marquee.batch.Progress} logs them (each one's end with its wall and
 * CPU time, a ticker line while it runs, the {@code PHASE} table at the end), {@link
 * dev.marquee.batch.SparkSessions} builds the session.
 */
package dev.marquee.batch;
