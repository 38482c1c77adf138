package dev.marquee.devkit.broker;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of the KRaft nodes (broker and controller in one) that {@link LocalKafka} runs:
 * a single node, or one node of a {@link LocalKafkaCluster}.
 */
final class BrokerProperties {

    private BrokerProperties() {
    }

    /** A single node: node 1, its own controller quorum, internal topics with replication factor 1. */
    static Properties of(Path logDir, int port, int controllerPort) {
        return node(1, logDir, port, controllerPort, "1@127.0.0.1:" + controllerPort, 1);
    }

    /**
     * Node {@code nodeId} of a cluster whose controller quorum is {@code voters} ({@code id@host:port,...});
     * internal topics and new topics get {@code replicas} replicas, of which at least 2 (when there are
     * 2 or more) must be in sync for an acks=all write. Start-up gives up after 60 s rather than never.
     * Brokers heartbeat every 500 ms (not 2 s), so that a controlled shutdown is approved sooner.
     */
    static Properties node(int nodeId, Path logDir, int port, int controllerPort, String voters, int replicas) {
        String rf = String.valueOf(replicas);
        String minIsr = String.valueOf(Math.min(2, replicas));
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(nodeId));
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", rf);
        p.setProperty("min.insync.replicas", minIsr);
        p.setProperty("offsets.topic.replication.factor", rf);
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", rf);
        p.setProperty("transaction.state.log.min.isr", minIsr);
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.setProperty("log.retention.hours", "-1");
        p.setProperty("log.segment.bytes", String.valueOf(256 * 1024 * 1024));
        p.setProperty("server.max.startup.time.ms", "60000");
        p.setProperty("broker.heartbeat.interval.ms", "500");
        return p;
    }
}
