package dev.marquee.batch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.Validation;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
    private static final Validation V = new Validation(0.2, 1_000_000, LocalDateTime.of(2000, 1, 1, 0, 0), java.time.ZoneOffset.UTC,
            Duration.ofHours(1), 3, 5, 0.2, 5.0);

    private static IngestCommit run(int n, long records) {
        return new IngestCommit(n, "t", new TreeMap<>(), records, records, 0, "e", "q", "now");
    }

    @Test
    void volumeBandNeedsHistoryAndUsesTheMedianOfRecentRuns() {
        assertEquals(-1, Expectations.volumeMedian(List.of(run(1, 100), run(2, 100)), V));
        assertEquals(100, Expectations.volumeMedian(List.of(run(1, 100), run(2, 90), run(3, 1000)), V));
        // only the last 5 runs count: 1..5 are 10, 20, 30, 40, 50 after dropping the first (1,000,000)
        List<IngestCommit> six = List.of(run(1, 1_000_000), run(2, 10), run(3, 20), run(4, 30), run(5, 40), run(6, 50));
        assertEquals(30, Expectations.volumeMedian(six, V));
        assertEquals(25, Expectations.volumeMedian(List.of(run(1, 10), run(2, 20), run(3, 30), run(4, 40)), V));
    }

    @Test
    void verdictAcceptsUpToTheRejectedShareAndWithinTheBand() {
        assertEquals(DataReport.ACCEPTED, Expectations.verdict(1000, 200, -1, V));
        assertTrue(Expectations.verdict(1000, 201, -1, V).contains("20.1% of the records were rejected"));
        assertEquals(DataReport.ACCEPTED, Expectations.verdict(500, 0, 100, V));
        assertTrue(Expectations.verdict(501, 0, 100, V).contains("outside the band"));
        assertTrue(Expectations.verdict(19, 0, 100, V).contains("outside the band"));
        assertEquals(DataReport.ACCEPTED, Expectations.verdict(0, 0, -1, V), "nothing new and no history is fine");
        assertTrue(Expectations.verdict(0, 0, 100, V).contains("outside the band"), "nothing new after steady runs is not");
    }
}
