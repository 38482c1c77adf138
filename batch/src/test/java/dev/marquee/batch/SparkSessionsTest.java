package dev.marquee.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marquee.testkit.SparkExtension;
import org.junit.jupiter.api.Test;

/** The test kit's sessions use the job's metrics sink, which it can only name (it sits below batch). */
class SparkSessionsTest {

    @Test
    void theTestKitNamesTheJobsHeadlessMetricsSink() {
        assertEquals(HeadlessMetricsServlet.class.getName(), SparkExtension.METRICS_SINK);
    }
}
