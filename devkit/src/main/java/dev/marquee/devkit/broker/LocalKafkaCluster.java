package dev.marquee.devkit.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster of {@code n} KRaft nodes (each broker and controller, all {@code n} voters of the
 * controller quorum) running inside this JVM, on 127.0.0.1 only, each node a {@link LocalKafka} with
 * data under {@code dataDir/node-<id>}. Topics and the internal ones have {@code n} replicas and
 * {@code min.insync.replicas} 2. A node can be stopped (a real, controlled shutdown of its server)
 * and started again on its data and ports. Close it to stop every node.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaCluster.class);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final int[] ports;
    private final Properties[] props;
    private final AtomicReferenceArray<LocalKafka> nodes;
    private final Admin admin;

    private LocalKafkaCluster(Path dataDir, int n) {
        this.dataDir = dataDir;
        Set<Integer> free = new LinkedHashSet<>();
        while (free.size() < 2 * n) {
            free.add(LocalKafka.freePort());
        }
        List<Integer> p = new ArrayList<>(free);
        ports = IntStream.range(0, n).map(p::get).toArray();
        String voters = IntStream.range(0, n).mapToObj(i -> (i + 1) + "@127.0.0.1:" + p.get(n + i))
                .collect(Collectors.joining(","));
        props = IntStream.range(0, n).mapToObj(i -> BrokerProperties.node(i + 1, LocalKafka.logDir(nodeDir(i + 1)),
                ports[i], p.get(n + i), voters, n)).toArray(Properties[]::new);
        nodes = new AtomicReferenceArray<>(n);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Starts {@code n} nodes at once (none answers before a majority runs) and waits until all are registered. */
    public static LocalKafkaCluster start(Path dataDir, int n) {
        long t0 = System.nanoTime();
        LocalKafkaCluster cluster = new LocalKafkaCluster(dataDir.toAbsolutePath(), n);
        try {
            cluster.onEach(cluster.nodeIds(), cluster::restart);
            cluster.until("all " + n + " brokers registered", () ->
                    cluster.admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == n);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info("Kafka cluster of {} nodes ready on {} in {} ms", n, cluster.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return cluster;
    }

    /** Every node's {@code host:port}, comma-separated: the bootstrap list for clients. */
    public String bootstrapServers() {
        return IntStream.of(ports).mapToObj(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** The node ids, 1..n. */
    public List<Integer> nodeIds() {
        return IntStream.rangeClosed(1, ports.length).boxed().toList();
    }

    /** An admin client on the whole cluster, owned by it (do not close). */
    public Admin admin() {
        return admin;
    }

    /** Creates a topic with one replica per node and {@code min.insync.replicas} 2; waits until all are in sync. */
    public void createTopic(String name, int partitions) {
        NewTopic topic = new NewTopic(name, partitions, (short) ports.length)
                .configs(Map.of("min.insync.replicas", props[0].getProperty("min.insync.replicas")));
        LocalKafka.await(admin.createTopics(List.of(topic)).all(), "create topic " + name);
        awaitInSync(name);
        LOG.info("Created topic {} with {} partitions, {} replicas each", name, partitions, ports.length);
    }

    /** The topic's partitions, with their leaders, replicas and in-sync replicas. */
    public TopicDescription describe(String topic) {
        return LocalKafka.await(admin.describeTopics(List.of(topic)).allTopicNames(), "describe " + topic).get(topic);
    }

    /** The node leading {@code partition} of {@code topic}. */
    public int leader(String topic, int partition) {
        return describe(topic).partitions().stream().filter(p -> p.partition() == partition).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(topic + " has no partition " + partition)).leader().id();
    }

    /** Stops node {@code id}: a controlled shutdown of its broker, then its controller. */
    public void stop(int id) {
        LocalKafka node = nodes.getAndSet(id - 1, null);
        if (node != null) {
            node.close();
        }
    }

    /** Starts node {@code id} again on its data and ports (or for the first time), and waits until it answers. */
    public void restart(int id) {
        if (nodes.get(id - 1) != null) {
            throw new IllegalStateException("node " + id + " is running");
        }
        try {
            nodes.set(id - 1, LocalKafka.start(nodeDir(id), ports[id - 1], props[id - 1], clusterId));
        } catch (IOException e) {
            throw new UncheckedIOException("node " + id + " did not start", e);
        }
    }

    /** Waits until every replica of every partition of {@code topic} is in sync again (after a restart, say). */
    public void awaitInSync(String topic) {
        until("every replica of " + topic + " in sync", () -> describe(topic).partitions().stream()
                .allMatch(p -> p.isr().size() == p.replicas().size()));
    }

    /** Gives each partition of {@code topic} back to its preferred leader (its first replica); waits until it has. */
    public void electPreferredLeaders(String topic) {
        Set<TopicPartition> partitions = describe(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
        admin.electLeaders(ElectionType.PREFERRED, partitions); // "already elected" is an answer too: the wait decides
        until("preferred leaders of " + topic, () -> describe(topic).partitions().stream()
                .allMatch(LocalKafkaCluster::preferredLeads));
    }

    /** Stops every running node: all brokers first, while the controller quorum can still consent, then the rest. */
    @Override
    public void close() {
        List<Integer> running = nodeIds().stream().filter(id -> nodes.get(id - 1) != null).toList();
        try {
            onEach(running, id -> nodes.get(id - 1).stopBroker(Duration.ofSeconds(30)));
        } finally {
            try {
                onEach(running, this::stop);
            } finally {
                admin.close(Duration.ofSeconds(5));
            }
        }
    }

    private static boolean preferredLeads(TopicPartitionInfo p) {
        return p.leader() != null && p.leader().id() == p.replicas().get(0).id();
    }

    private Path nodeDir(int id) {
        return dataDir.resolve("node-" + id);
    }

    /** Runs {@code action} for each id on threads of its own and waits (with a deadline) for all of them. */
    private void onEach(List<Integer> ids, IntConsumer action) {
        List<CompletableFuture<Void>> all = ids.stream()
                .map(id -> CompletableFuture.runAsync(() -> action.accept(id), runnable -> {
                    Thread thread = new Thread(runnable, "kafka-node-" + id);
                    thread.setDaemon(true);
                    thread.start();
                }))
                .toList();
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(2 * WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("on nodes " + ids + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted on nodes " + ids, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("nodes " + ids + " did not finish in " + 2 * WAIT.toSeconds() + " s", e);
        }
    }

    private interface Check {
        boolean met() throws Exception;
    }

    /** Polls {@code check} every 100 ms until it holds, for at most a minute; a check that throws counts as not yet. */
    private void until(String what, Check check) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.met()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
        throw new IllegalStateException("timed out after " + WAIT.toSeconds() + " s waiting for " + what
                + (last == null ? "" : "; last error: " + last), last);
    }
}
