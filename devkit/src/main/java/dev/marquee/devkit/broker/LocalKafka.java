package dev.marquee.devkit.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM, listening on
 * 127.0.0.1 only. Internal topics have replication factor 1; topics are not auto-created. Close it to stop.
 * The same node, configured as one of several, is a node of a {@link LocalKafkaCluster}.
 *
 * <p>Starting one replaces Kafka's {@code Exit} procedures for the whole JVM with ones that throw, so that a
 * broker fault cannot call {@code System.exit} on the host process (a test run, a tool).
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final Admin admin;
    private final String bootstrapServers;
    private final Path dataDir;
    private boolean closed;

    private LocalKafka(KafkaRaftServer server, Admin admin, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /** Starts a broker on a free port with its logs under {@code dataDir}, and waits until it answers. */
    public static LocalKafka start(Path dataDir) throws IOException {
        return start(dataDir, freePort());
    }

    /**
     * Starts a broker whose client listener is on {@code port} (the controller gets a free port).
     * On a {@code dataDir} an earlier broker used, it comes back with that broker's topics and records.
     */
    public static LocalKafka start(Path dataDir, int port) throws IOException {
        Properties props = BrokerProperties.of(logDir(dataDir), port, freePort());
        return start(dataDir, port, props, Uuid.randomUuid().toString());
    }

    /**
     * Starts a node with {@code props} whose client listener is on {@code port}, formatting its storage for
     * cluster {@code clusterId} first unless it holds an earlier run's data; waits until it answers. A node of
     * a cluster answers only once a majority of the controller quorum runs ({@link LocalKafkaCluster}).
     */
    static LocalKafka start(Path dataDir, int port, Properties props, String clusterId) throws IOException {
        long t0 = System.nanoTime();
        guardExit();
        Path logDir = logDir(dataDir);
        Files.createDirectories(logDir);
        if (Files.exists(logDir.resolve("meta.properties"))) {
            // A broker coming back on the same data: its topics and offsets are still there.
            try (OutputStream out = Files.newOutputStream(dataDir.toAbsolutePath().resolve("server.properties"))) {
                props.store(out, "Marquee LocalKafka (restarted)");
            }
        } else {
            format(props, dataDir.toAbsolutePath().resolve("server.properties"), clusterId);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw new IllegalStateException("Kafka broker failed to start on port " + port + ": " + e.getMessage(), e);
        }
        String bootstrap = "127.0.0.1:" + port;
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        LocalKafka kafka = new LocalKafka(server, admin, bootstrap, dataDir);
        try {
            kafka.awaitReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        LOG.info("Kafka broker ready on {} in {} ms (data in {})", bootstrap,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), logDir);
        return kafka;
    }

    static Path logDir(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("kafka-logs");
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The folder given at start. */
    public Path dataDir() {
        return dataDir;
    }

    /** Creates a topic with replication factor 1 and waits until it exists. */
    public void createTopic(String name, int partitions) {
        await(admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all(), "create topic " + name);
        LOG.info("Created topic {} with {} partitions", name, partitions);
    }

    /** Sum over partitions of the end offsets of {@code topic}: the number of records ever written to it. */
    public long endOffsetsTotal(String topic) {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** End offset of each partition of {@code topic}. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        TopicDescription d = await(admin.describeTopics(List.of(topic)).allTopicNames(), "describe " + topic)
                .get(topic);
        Map<TopicPartition, OffsetSpec> request = d.partitions().stream().collect(Collectors.toMap(
                p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                await(admin.listOffsets(request).all(), "list offsets of " + topic);
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** An admin client on this broker, owned by it (do not close). */
    public Admin admin() {
        return admin;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        admin.close(Duration.ofSeconds(5));
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker on {} stopped in {} ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /**
     * Stops only this node's broker (a controlled shutdown: the controller first moves its partitions'
     * leadership away), waiting at most {@code timeout} for the controller's consent, and leaves its
     * controller running; {@link #close} stops the rest. A cluster stops all its brokers this way before
     * any controller, so the last broker still finds a controller quorum to consent; stopped node after
     * node by {@code KafkaRaftServer.shutdown()} (its broker field is private, hence the reflection), the
     * last broker waited 5 minutes for a consent that could not come (measured: 305 s).
     */
    synchronized void stopBroker(Duration timeout) {
        if (closed) {
            return;
        }
        try {
            Field field = KafkaRaftServer.class.getDeclaredField("broker");
            field.setAccessible(true);
            Option<?> broker = (Option<?>) field.get(server);
            if (broker.isDefined()) {
                ((BrokerServer) broker.get()).shutdown(timeout);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("could not stop the broker on {} apart from its controller ({}); close() stops both",
                    bootstrapServers, e.toString());
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                last = new IllegalStateException("broker not ready: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker", e);
            }
        }
        throw last != null ? last : new IllegalStateException("broker not ready in " + READY_TIMEOUT);
    }

    static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("failed to " + what + ": " + e.getMessage(), e);
        }
    }

    /** A broker fault must not exit the JVM that hosts it (tests, tools): make exit and halt throw instead. */
    private static void guardExit() {
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka asked to exit(" + status + "): " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Kafka asked to halt(" + status + "): " + message);
        });
    }

    private static void format(Properties props, Path propsFile, String clusterId) throws IOException {
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "Marquee LocalKafka");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString()}, ps);
        }
        String output = buffer.toString(StandardCharsets.UTF_8).strip();
        if (rc != 0) {
            throw new IOException("formatting Kafka storage failed (" + rc + "): " + output);
        }
        LOG.debug("Formatted Kafka storage, cluster {}: {}", clusterId, output);
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
