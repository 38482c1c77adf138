/**
 * What a user sees while the nightly job runs: {@link dev.marquee.batch.progress.Ticker} writes a
 * line every {@code marquee.batch.progress.every} (the phase, the sub-step the code named through
 * {@link dev.marquee.batch.progress.Steps} with its count, rate and ETA, and the running Spark
 * stages' tasks and records from {@link dev.marquee.batch.progress.SparkStages}, a
 * {@code SparkListener}). It imports nothing of the job; the job's stages take a {@code Steps}.
 */
package dev.marquee.batch.progress;
