/**
 * The job's event lake: each run appends the events it ingested (Parquet, partitioned by run and
 * event date) and the lines it rejected (quarantine, with their reason), writes a data report, and
 * only then commits the Kafka offsets it consumed to the ledger. A run's files are visible to
 * training only once its commit exists, so a run that dies before its commit is simply done
 * again: nothing lost, nothing twice.
 */
package dev.marquee.batch.lake;
