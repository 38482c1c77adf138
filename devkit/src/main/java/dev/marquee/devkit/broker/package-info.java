/**
 * An in-process single-node KRaft Kafka broker for tests and local runs ({@link
 * dev.marquee.devkit.broker.LocalKafka}), and a reader of what reached a topic ({@link
 * dev.marquee.devkit.broker.TopicLines}).
 */
package dev.marquee.devkit.broker;
