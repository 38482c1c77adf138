/**
 * In-process KRaft Kafka for tests and local runs: a single-node broker ({@link
 * dev.marquee.devkit.broker.LocalKafka}), a cluster of such nodes with replicated topics ({@link
 * dev.marquee.devkit.broker.LocalKafkaCluster}), and a reader of what reached a topic ({@link
 * dev.marquee.devkit.broker.TopicLines}).
 */
package dev.marquee.devkit.broker;
