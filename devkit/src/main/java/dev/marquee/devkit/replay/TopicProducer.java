package dev.marquee.devkit.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces log lines into a topic, one record per line, keyed by the line's user id (so each user's events stay
 * in order within a partition). Idempotent, acks=all, lz4, 20 ms linger, 256 KiB batches. Logs progress every
 * few seconds; fails loudly if any send failed.
 */
public final class TopicProducer {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProducer.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private TopicProducer() {
    }

    /** Sends every line, flushes, and returns how many were sent. */
    public static long produce(String bootstrapServers, String topic, Iterator<String> lines) {
        return produce(bootstrapServers, topic, lines, Map.of());
    }

    /**
     * Sends every line with {@code overrides} on top of the default producer settings, flushes, and returns how
     * many were sent.
     *
     * @throws IllegalStateException if any record could not be written
     */
    public static long produce(String bootstrapServers, String topic, Iterator<String> lines,
                               Map<String, Object> overrides) {
        Map<String, Object> props = config(bootstrapServers);
        props.putAll(overrides);
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        AtomicLong failures = new AtomicLong();
        long t0 = System.nanoTime();
        long nextReport = t0 + PROGRESS_EVERY.toNanos();
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            while (lines.hasNext()) {
                String line = lines.next();
                producer.send(new ProducerRecord<>(topic, userKey(line), line), (meta, e) -> {
                    if (e != null) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
                sent++;
                if ((sent & 1023) == 0) {
                    throwIfFailed(firstFailure, failures, sent);
                    long now = System.nanoTime();
                    if (now >= nextReport) {
                        progress(topic, sent, now - t0);
                        nextReport = now + PROGRESS_EVERY.toNanos();
                    }
                }
            }
            producer.flush();
        }
        throwIfFailed(firstFailure, failures, sent);
        progress(topic, sent, System.nanoTime() - t0);
        return sent;
    }

    /**
     * Like {@link #produce(String, String, Iterator, Map)}, sending at most {@code linesPerSecond} lines a second
     * (see {@link Pacer}).
     */
    public static long produce(String bootstrapServers, String topic, Iterator<String> lines,
                               Map<String, Object> overrides, double linesPerSecond) {
        return produce(bootstrapServers, topic, Pacer.pace(lines, linesPerSecond), overrides);
    }

    /** The default producer settings. */
    static Map<String, Object> config(String bootstrapServers) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "marquee-devkit-producer");
        return p;
    }

    /** The second comma-separated field of a log line (the user id), or null when there is none. */
    static String userKey(String line) {
        int c1 = line.indexOf(',');
        int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
        return c2 < 0 ? null : line.substring(c1 + 1, c2);
    }

    private static void throwIfFailed(AtomicReference<Exception> first, AtomicLong failures, long sent) {
        Exception e = first.get();
        if (e != null) {
            throw new IllegalStateException(failures.get() + " of " + sent + " sends failed; first: " + e, e);
        }
    }

    private static void progress(String topic, long sent, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        LOG.info("{}: {} lines sent, {} lines/s, {} s elapsed", topic, sent,
                Math.round(sent / Math.max(seconds, 1e-9)), String.format("%.1f", seconds));
    }
}
