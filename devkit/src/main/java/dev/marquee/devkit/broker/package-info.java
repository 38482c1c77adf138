/** An in-process single-node KRaft Kafka broker for tests and local runs. */
package dev.marquee.devkit.broker;
