package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TopicRangeTest {

    @Test
    void writesSparkOffsetJsonAndCountsRecords() {
        TreeMap<Integer, Long> from = new TreeMap<>();
        from.put(0, 5L);
        from.put(1, 0L);
        TreeMap<Integer, Long> until = new TreeMap<>();
        until.put(0, 15L);
        until.put(1, 7L);
        TopicRange range = new TopicRange("movielog", from, until);
        assertEquals("{\"movielog\":{\"0\":5,\"1\":0}}", range.startingOffsetsJson());
        assertEquals("{\"movielog\":{\"0\":15,\"1\":7}}", range.endingOffsetsJson());
        assertEquals(17, range.records());
    }
}
