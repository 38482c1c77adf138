/**
 * The nightly batch job: reads the platform's log from Kafka between explicit offsets, trains
 * ALS, computes every user's top-N unseen movies and a cold-start list, and publishes them as a
 * new store version. {@link dev.marquee.batch.BatchMain} only wires; {@link dev.marquee.batch.NightlyJob}
 * runs the phases.
 */
package dev.marquee.batch;
