package dev.marquee.batch.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The explicit offsets one run reads: per partition, from (inclusive) to (exclusive). Fixed at
 * the start of a run so that the run is reproducible whatever arrives meanwhile.
 *
 * @param topic the topic
 * @param from first offset per partition
 * @param until end offset (exclusive) per partition
 */
public record TopicRange(String topic, SortedMap<Integer, Long> from, SortedMap<Integer, Long> until) {

    /** An admin client's settings: the job's client settings, the servers, and calls that give up after {@code timeout}. */
    static Map<String, Object> adminSettings(String bootstrapServers, java.time.Duration timeout, Map<String, String> client) {
        Map<String, Object> props = new java.util.HashMap<>(client);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(ms, 30_000));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        return props;
    }

    /** Everything in the topic: from the earliest to the latest offset of every partition. */
    public static TopicRange wholeTopic(String bootstrapServers, String topic) {
        return after(bootstrapServers, topic, Map.of());
    }

    /**
     * What arrived after {@code committed}: per partition, from the committed offset (or the
     * earliest one still held, if retention already dropped what came after it, or for a partition
     * never read) to the latest offset now.
     */
    public static TopicRange after(String bootstrapServers, String topic, Map<Integer, Long> committed) {
        return after(bootstrapServers, topic, committed, java.time.Duration.ofSeconds(30), Map.of());
    }

    /**
     * Same, giving up after {@code timeout} without an answer, with the client settings of
     * {@code kafka.consumer} (a secured cluster's, say) on top.
     */
    public static TopicRange after(String bootstrapServers, String topic, Map<Integer, Long> committed,
            java.time.Duration timeout, Map<String, String> client) {
        Map<String, Object> props = adminSettings(bootstrapServers, timeout, client);
        try (Admin admin = Admin.create(props)) {
            TopicDescription description = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            description.partitions().forEach(p -> {
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            });
            SortedMap<Integer, Long> from = offsets(admin.listOffsets(earliest).all().get());
            committed.forEach((p, offset) -> from.computeIfPresent(p, (k, earliestHeld) -> Math.max(earliestHeld, offset)));
            SortedMap<Integer, Long> until = offsets(admin.listOffsets(latest).all().get());
            from.forEach((p, offset) -> {
                if (offset > until.getOrDefault(p, offset)) {
                    throw new IllegalStateException("partition " + p + " of '" + topic + "' ends at offset " + until.get(p)
                            + " but the lake already committed up to " + offset + ": was the topic deleted and recreated?"
                            + " Point marquee.batch.lake.root at a new lake to start over");
                }
            });
            return new TopicRange(topic, from, until);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read offsets of topic '" + topic + "' at " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets of " + topic, e);
        }
    }

    private static SortedMap<Integer, Long> offsets(Map<TopicPartition, ListOffsetsResultInfo> infos) {
        SortedMap<Integer, Long> out = new TreeMap<>();
        infos.forEach((tp, info) -> out.put(tp.partition(), info.offset()));
        return out;
    }

    /**
     * Records deleted by the topic's retention before any run read them: per partition already
     * committed, what lies between the committed offset and the earliest one still held.
     */
    public long lostAfter(Map<Integer, Long> committed) {
        long lost = 0;
        for (Map.Entry<Integer, Long> e : committed.entrySet()) {
            lost += Math.max(0, from.getOrDefault(e.getKey(), e.getValue()) - e.getValue());
        }
        return lost;
    }

    /** Number of records in the range. */
    public long records() {
        return until.entrySet().stream().mapToLong(e -> e.getValue() - from.getOrDefault(e.getKey(), 0L)).sum();
    }

    /** Spark's Kafka source JSON for the starting offsets. */
    public String startingOffsetsJson() {
        return json(from);
    }

    /** Spark's Kafka source JSON for the ending offsets. */
    public String endingOffsetsJson() {
        return json(until);
    }

    private String json(SortedMap<Integer, Long> offsets) {
        StringBuilder sb = new StringBuilder("{\"").append(topic).append("\":{");
        offsets.forEach((p, o) -> sb.append('"').append(p).append("\":").append(o).append(','));
        sb.setLength(sb.length() - 1);
        return sb.append("}}").toString();
    }

    /** The range as lineage for the manifest. */
    public Map<String, Object> lineage() {
        Map<String, Object> partitions = new LinkedHashMap<>();
        until.forEach((p, end) -> partitions.put(String.valueOf(p), Map.of("from", from.getOrDefault(p, 0L), "until", end)));
        return Map.of("topic", topic, "partitions", partitions, "records", records());
    }
}
