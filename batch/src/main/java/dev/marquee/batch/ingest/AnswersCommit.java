package dev.marquee.batch.ingest;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The answers topic's part of a run's commit: written in the same ledger file as the log's, so both
 * are committed at once or not at all.
 *
 * @param topic the answers topic read
 * @param offsets per partition, the range consumed (empty when the topic did not exist)
 * @param records records read
 * @param accepted answers written to the lake
 * @param quarantined records written to the answers' quarantine
 * @param answersPath the run's answers folder (null when it wrote none)
 * @param quarantinePath the run's quarantine folder for answer records (null when it wrote none)
 */
public record AnswersCommit(String topic, SortedMap<Integer, OffsetRange> offsets, long records, long accepted,
        long quarantined, String answersPath, String quarantinePath) {

    /** Per partition, the offset the next run starts from. */
    public SortedMap<Integer, Long> until() {
        SortedMap<Integer, Long> until = new TreeMap<>();
        offsets.forEach((p, r) -> until.put(p, r.until()));
        return until;
    }

    /** As lineage for a manifest. */
    public Map<String, Object> lineage() {
        return Map.of("topic", topic, "offsets", offsets, "records", records, "accepted", accepted,
                "quarantined", quarantined);
    }
}
