package dev.marquee.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A local Spark session ({@code local[2]}, 4 shuffle partitions, no UI, a checkpoint directory
 * unless {@link #withoutCheckpointDir()}) for one test class, stopped after it. Use {@code @ExtendWith(SparkExtension.class)} and take a
 * {@link SparkSession} parameter in {@code @BeforeAll} or a test, or register an instance and call
 * {@link #session()}.
 */
public final class SparkExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    /**
     * The job's metrics sink that drops Spark's servlet handler (batch's {@code HeadlessMetricsServlet});
     * named here because the test kit sits below batch. A batch test checks that the class exists.
     */
    public static final String METRICS_SINK = "dev.marquee.batch.HeadlessMetricsServlet";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SparkExtension.class);

    private final boolean checkpoints;
    private SparkSession session;

    /** A session with a checkpoint directory, as the job's own sessions have. */
    public SparkExtension() {
        this(true);
    }

    private SparkExtension(boolean checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** A session without a checkpoint directory: for code that must give itself one. */
    public static SparkExtension withoutCheckpointDir() {
        return new SparkExtension(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        session = start(checkpoints);
        context.getStore(NS).put("session", session);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    /** The class's session. */
    public SparkSession session() {
        if (session == null) {
            throw new IllegalStateException("the session starts before all tests: register the extension on a static field");
        }
        return session;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return session();
    }

    /** A new (or the JVM's active) local session with the tests' settings, with a checkpoint directory if asked. */
    public static SparkSession start(boolean checkpoints) throws IOException {
        SparkSession spark = SparkSession.builder()
                .appName("marquee-test")
                .master("local[2]")
                .config("spark.ui.enabled", false)
                .config("spark.sql.adaptive.enabled", true)
                .config("spark.ui.showConsoleProgress", false)
                .config("spark.sql.shuffle.partitions", 4)
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.metrics.conf.driver.sink.servlet.class", METRICS_SINK)
                .getOrCreate();
        spark.conf().set("spark.sql.shuffle.partitions", 4);
        if (checkpoints && spark.sparkContext().getCheckpointDir().isEmpty()) {
            Path dir = Files.createTempDirectory("marquee-test-checkpoints-");
            dir.toFile().deleteOnExit();
            spark.sparkContext().setCheckpointDir(dir.toString());
        }
        return spark;
    }
}
