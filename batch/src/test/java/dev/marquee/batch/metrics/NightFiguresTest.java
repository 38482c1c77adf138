package dev.marquee.batch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NightFiguresTest {

    @Test
    void rendersGaugesInTheTextFormatWithSortedEscapedLabels() {
        NightFigures f = new NightFigures()
                .outcome(3, false, 12.5, Instant.parse("2026-12-01T03:00:00Z"))
                .set("marquee_x", "a \"figure\"", Map.of("b", "2", "a", "say \"hi\"\\"), 0.25);
        assertEquals("""
                # HELP marquee_batch_exit_code the nightly run's exit code (0 published, 1 failed, 2 stopped by data, \
                3 refused by the quality gate)
                # TYPE marquee_batch_exit_code gauge
                marquee_batch_exit_code 3
                # HELP marquee_batch_published 1 if the night published a new version, 0 if not
                # TYPE marquee_batch_published gauge
                marquee_batch_published 0
                # HELP marquee_batch_run_duration_seconds wall time of the nightly run
                # TYPE marquee_batch_run_duration_seconds gauge
                marquee_batch_run_duration_seconds 12.5
                # HELP marquee_batch_finished_timestamp_seconds when the nightly run ended, Unix seconds
                # TYPE marquee_batch_finished_timestamp_seconds gauge
                marquee_batch_finished_timestamp_seconds 1796094000
                # HELP marquee_x a "figure"
                # TYPE marquee_x gauge
                marquee_x{a="say \\"hi\\"\\\\",b="2"} 0.25
                """, f.text());
    }

    @Test
    void aLaterValueOfTheSameLabelsReplacesTheEarlierAndOthersAddSeries() {
        NightFigures f = new NightFigures()
                .onlineHitRate("v000041", "main", 0.1, 900)
                .onlineHitRate("v000041", "candidate", 0.2, 100)
                .onlineHitRate("v000041", "main", 0.12, 950)
                .driftStatistic("rating_distribution", "psi", 0.3)
                .abHitRateInterval("candidate", 0.15, 0.25);
        assertEquals(0.12, f.get("marquee_online_hit_rate", Map.of("arm", "main", "version", "v000041")));
        assertEquals(950.0, f.get("marquee_online_answers", Map.of("version", "v000041", "arm", "main")));
        assertEquals(0.2, f.get("marquee_online_hit_rate", Map.of("version", "v000041", "arm", "candidate")));
        assertEquals(0.25, f.get("marquee_online_hit_rate_interval", Map.of("arm", "candidate", "bound", "high")));
        assertEquals(2, f.text().lines().filter(l -> l.startsWith("marquee_online_hit_rate{")).count(), f.text());
        assertTrue(f.text().contains("marquee_drift_statistic{figure=\"rating_distribution\",statistic=\"psi\"} 0.3\n"));
    }

    @Test
    void refusesNamesPrometheusWouldRefuseAndTheJobLabel() {
        NightFigures f = new NightFigures();
        assertThrows(IllegalArgumentException.class, () -> f.set("marquee-x", "", 1));
        assertThrows(IllegalArgumentException.class, () -> f.set("1x", "", 1));
        assertThrows(IllegalArgumentException.class, () -> f.set("x", "", Map.of("job", "other"), 1));
        assertThrows(IllegalArgumentException.class, () -> f.set("x", "", Map.of("a-b", "1"), 1));
        assertTrue(f.names().isEmpty());
        assertFalse(f.text().contains("x"));
    }

    @Test
    void aPublishedNightCarriesItsVersionNumberAndNdcg() {
        NightFigures f = new NightFigures().rows(1000, 7, Map.of("bad_json", 7L)).published("v000042", 0.31);
        assertEquals(42.0, f.get("marquee_batch_published_version"));
        assertEquals(0.31, f.get("marquee_batch_published_ndcg"));
        assertEquals(1000.0, f.get("marquee_batch_rows_ingested"));
        assertEquals(7.0, f.get("marquee_batch_rows_rejected_by_reason", Map.of("reason", "bad_json")));
        assertTrue(Double.isNaN(NightFigures.versionNumber("scratch")));
    }
}
