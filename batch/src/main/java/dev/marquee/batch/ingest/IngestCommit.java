package dev.marquee.batch.ingest;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A committed run: the Kafka offsets it consumed, and the lake snapshot it produced.
 *
 * @param run the run's number; the lake snapshot after it holds runs 1..run
 * @param topic the topic read
 * @param offsets per partition, the range consumed
 * @param records records read
 * @param accepted events written to the lake
 * @param quarantined lines written to the quarantine
 * @param eventsPath the run's events folder
 * @param quarantinePath the run's quarantine folder
 * @param committedAt when the commit was written (UTC, ISO-8601)
 * @param answers the answers topic's range and counts, committed with the log's (null: none read,
 *     as in a ledger written before answers were ingested)
 */
public record IngestCommit(
        int run,
        String topic,
        SortedMap<Integer, OffsetRange> offsets,
        long records,
        long accepted,
        long quarantined,
        String eventsPath,
        String quarantinePath,
        String committedAt,
        AnswersCommit answers) {

    /** A commit without answers. */
    public IngestCommit(int run, String topic, SortedMap<Integer, OffsetRange> offsets, long records, long accepted,
            long quarantined, String eventsPath, String quarantinePath, String committedAt) {
        this(run, topic, offsets, records, accepted, quarantined, eventsPath, quarantinePath, committedAt, null);
    }

    /** Per partition, the offset the next run starts from. */
    public SortedMap<Integer, Long> until() {
        SortedMap<Integer, Long> until = new TreeMap<>();
        offsets.forEach((p, r) -> until.put(p, r.until()));
        return until;
    }

    /** As lineage for a manifest. */
    public Map<String, Object> lineage() {
        Map<String, Object> m = new java.util.LinkedHashMap<>(Map.of("run", run, "topic", topic, "offsets", offsets,
                "records", records, "accepted", accepted, "quarantined", quarantined));
        if (answers != null) {
            m.put("answers", answers.lineage());
        }
        return m;
    }
}
