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
        String committedAt) {

    /** Per partition, the offset the next run starts from. */
    public SortedMap<Integer, Long> until() {
        SortedMap<Integer, Long> until = new TreeMap<>();
        offsets.forEach((p, r) -> until.put(p, r.until()));
        return until;
    }

    /** As lineage for a manifest. */
    public Map<String, Object> lineage() {
        return Map.of("run", run, "topic", topic, "offsets", offsets, "records", records, "accepted", accepted,
                "quarantined", quarantined);
    }
}
