/**
 * Ingestion, from the topic to the lake, in one package: which offsets a run reads
 * ({@link dev.marquee.batch.ingest.TopicRange}, {@link dev.marquee.batch.ingest.TopicReader}), the
 * per-line checks that turn each text record into a typed event row or a rejected one with its
 * reason ({@link dev.marquee.batch.ingest.LineChecks}, {@link dev.marquee.batch.ingest.EventRows};
 * a line's syntax and what a movie id may look like are the events module's), the run-level
 * expectations ({@link dev.marquee.batch.ingest.Expectations}) and the data report.
 *
 * <p>The job's event lake: each run appends the events it ingested (Parquet, partitioned by run and
 * event date) and the lines it rejected (quarantine, with their reason), writes a data report, and
 * only then commits the Kafka offsets it consumed to the ledger
 * ({@link dev.marquee.batch.ingest.IngestLedger}). A run's files are visible to training
 * ({@link dev.marquee.batch.ingest.LakeReader}) only once its commit exists, so a run that dies
 * before its commit is simply done again: nothing lost, nothing twice. A run reads its records once,
 * straight into its Parquet; duplicates are found on the written columns
 * ({@link dev.marquee.batch.ingest.Duplicates}, near copies already as the read parses:
 * {@link dev.marquee.batch.ingest.RecentLines}) and only the dates that held one are rewritten
 * ({@link dev.marquee.batch.ingest.LakeRun}). Reading the topic and
 * committing its offsets are one step, hence one package. A broker that stops answering fails the
 * run within {@code marquee.batch.kafka.timeout}, before anything is committed.
 *
 * <p>Beside the log, the service's answer records (the answers topic) are read between offsets fixed
 * at the same time, checked ({@link dev.marquee.batch.ingest.AnswerRows}), written to
 * {@code answers/run=N} (bad ones to {@code answers-quarantine/run=N}) and committed in the same
 * ledger file ({@link dev.marquee.batch.ingest.AnswersCommit}); a missing topic is zero answers.
 *
 * <p>A {@link dev.marquee.batch.ingest.RunCheck} given to ingestion (the job's drift monitoring,
 * package {@code drift}) sees the run's accepted events before the commit and may stop the run as
 * bad data does.
 *
 * <p>{@link dev.marquee.batch.ingest.Forget} removes a user who asked to be forgotten from every
 * committed run, and ingestion keeps them out of later ones.
 */
package dev.marquee.batch.ingest;
