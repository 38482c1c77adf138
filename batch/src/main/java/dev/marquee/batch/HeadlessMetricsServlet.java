package dev.marquee.batch;

import com.codahale.metrics.MetricRegistry;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.metrics.sink.MetricsServlet;
import org.sparkproject.jetty.servlet.ServletContextHandler;

/**
 * Spark's metrics servlet sink without its HTTP handler. Spark always builds that handler, even
 * with the UI off, and building it needs Servlet 5 classes that Servlet 6 removed; where the job
 * shares a JVM with Jetty 12 (the demo, the end-to-end test), only Servlet 6 is on the classpath.
 * Metrics still reach every other configured sink. Configured for the driver only
 * ({@link SparkSessions#METRICS_SINK_KEY}): executors run on a Spark distribution's jars, where Spark's
 * own sink works, and cannot load this class before they fetch the job's jars.
 */
public final class HeadlessMetricsServlet extends MetricsServlet {

    public HeadlessMetricsServlet(Properties property, MetricRegistry registry) {
        super(property, registry);
    }

    @Override
    public ServletContextHandler[] getHandlers(SparkConf conf) {
        return new ServletContextHandler[0];
    }
}
