/**
 * Ingestion: which offsets of the topic a run reads, and turning its text records into typed
 * event rows (rejected lines kept, with their reason).
 */
package dev.marquee.batch.ingest;
