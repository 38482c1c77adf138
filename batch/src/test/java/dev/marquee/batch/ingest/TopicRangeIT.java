package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marquee.testkit.KafkaExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a run reads after a commit, on a real broker, and what the topic's retention deleted before it could. */
class TopicRangeIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void recordsDeletedByRetentionBeforeAnyRunReadThemAreCountedAsLost() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add("2025-01-05T10:00:00," + i + ",GET /create_account");
        }
        KAFKA.topic("retention", 1, lines);
        TopicRange first = TopicRange.after(KAFKA.bootstrapServers(), "retention", Map.of());
        assertEquals(100, first.records());
        assertEquals(0, first.lostAfter(Map.of()), "a first read loses nothing");

        Map<Integer, Long> committed = Map.of(0, 30L);
        assertEquals(0, TopicRange.after(KAFKA.bootstrapServers(), "retention", committed).lostAfter(committed));
        // Retention deletes everything below offset 60 while the job did not run.
        KAFKA.broker().admin().deleteRecords(Map.of(new TopicPartition("retention", 0), RecordsToDelete.beforeOffset(60)))
                .all().get();
        TopicRange after = TopicRange.after(KAFKA.bootstrapServers(), "retention", committed);
        assertEquals(60L, after.from().get(0), "reading starts at the earliest record still held");
        assertEquals(40, after.records());
        assertEquals(30, after.lostAfter(committed), "offsets 30..59 are lost");
    }
}
