package dev.marquee.serving;

import dev.marquee.events.EventFormatter;
import dev.marquee.events.LogTimes;
import dev.marquee.events.RecommendationEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every answer as a platform "recommendation request" line on a Kafka topic, off the request
 * path: the request thread makes one non-blocking {@code offer} of a small record into a bounded
 * queue; one daemon thread formats the line (events' {@link EventFormatter}) and hands it to a
 * Kafka producer that never blocks for long. A full queue or a failed send is counted in
 * {@code marquee_telemetry_dropped_total}; requests are never slowed down.
 *
 * <p>When an answers topic is configured, the same thread also formats and sends the service's own
 * record of the answer ({@link AnswerRecords}: store version, arm, ids, latency, status; key = the
 * user id) to it; those are counted in {@code marquee_telemetry_answers_sent_total} and
 * {@code marquee_telemetry_answers_dropped_total} (an entry lost to a full queue counts in both).
 *
 * <p>A line's time is the answer's instant as wall time in the platform's zone
 * ({@link TelemetryConfig#platformZone}, {@link LogTimes#wallTime}), never the JVM's default zone: the
 * batch job reads the lines in that zone and rejects times after its own "now" as {@code time_in_future}.
 */
public final class Telemetry implements AutoCloseable {

    /** Telemetry that does nothing. */
    public static final Telemetry OFF = new Telemetry();

    private static final Logger LOG = LoggerFactory.getLogger(Telemetry.class);
    /** The result logged for an answer that did not come from the store. */
    static final String NOT_READY_RESULT = "not ready";

    /** One answer, as cheap to build as possible: formatting happens on the drain thread. */
    private record Entry(long epochMillis, long userId, int status, byte[] value, int textLength, long latencyNanos,
            String version, String arm, boolean coldStart) {
    }

    private final ArrayBlockingQueue<Entry> queue;
    private final Producer<String, String> producer;
    private final String topic;
    private final String answersTopic;
    private final ZoneId platformZone;
    private final Clock clock;
    private final Counter sent;
    private final Counter dropped;
    private final Counter answersSent;
    private final Counter answersDropped;
    private final Thread drainer;
    private volatile String server = "unknown:0";
    private volatile boolean stopping;

    private Telemetry() {
        queue = null;
        producer = null;
        topic = null;
        answersTopic = null;
        platformZone = null;
        clock = null;
        sent = null;
        dropped = null;
        answersSent = null;
        answersDropped = null;
        drainer = null;
    }

    /** Telemetry to {@code producer}; answers are timed by {@code clock} (tests fix it; its own zone is not used). */
    Telemetry(TelemetryConfig config, Producer<String, String> producer, ServingMetrics metrics, Clock clock) {
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.producer = producer;
        this.topic = config.topic();
        this.answersTopic = config.answersEnabled() ? config.answersTopic() : null;
        this.platformZone = config.platformZone();
        this.clock = clock;
        this.sent = metrics.telemetrySent();
        this.dropped = metrics.telemetryDropped();
        this.answersSent = metrics.answersSent();
        this.answersDropped = metrics.answersDropped();
        Gauge.builder("marquee.telemetry.queue.size", queue, ArrayBlockingQueue::size)
                .description("answers waiting to be sent to Kafka").register(metrics.registry());
        this.drainer = new Thread(this::drain, "telemetry-drainer");
        drainer.setDaemon(true);
        drainer.start();
    }

    /** Telemetry to Kafka as configured, or {@link #OFF} when it is disabled. */
    public static Telemetry create(TelemetryConfig config, ServingMetrics metrics) {
        if (!config.enabled()) {
            return OFF;
        }
        return new Telemetry(config, new KafkaProducer<>(producerProperties(config)), metrics, Clock.systemUTC());
    }

    static Properties producerProperties(TelemetryConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "marquee-serving-telemetry");
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        // A dead broker must never hold the drain thread for long: metadata waits and a full buffer both give up fast.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(config.maxBlock().toMillis()));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(8L << 20));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /** Whether answers are being sent. */
    public boolean enabled() {
        return queue != null;
    }

    /** Sets the {@code host:port} written into each line (known once the server has bound its port). */
    public void server(String hostPort) {
        this.server = hostPort;
    }

    /**
     * Queues one answer; never blocks. The result logged is {@code value[0, textLength)}: the ids
     * as answered in text form (the stored value, not modified); null value: the request was not
     * answered from the store (503), logged as {@value #NOT_READY_RESULT}. {@code version} (the
     * store version that answered, null for none) and {@code arm} (the A/B arm that answered) go
     * only into the answer record.
     */
    public void offer(long userId, int status, byte[] value, int textLength, long latencyNanos, String version,
            String arm, boolean coldStart) {
        if (queue == null) {
            return;
        }
        Entry e = new Entry(clock.millis(), userId, status, value, textLength, latencyNanos, version, arm, coldStart);
        if (!queue.offer(e)) {
            dropped.increment();
            if (answersTopic != null) {
                answersDropped.increment();
            }
        }
    }

    /**
     * Fetches both topics' metadata before the first send, on the drain thread (requests only queue
     * meanwhile): otherwise the first record to each topic waits for it within {@code max-block}
     * and, on a broker slower than that to answer, is dropped. A few tries, then sends go on.
     */
    private void warmUp() {
        for (String t : answersTopic == null ? java.util.List.of(topic) : java.util.List.of(topic, answersTopic)) {
            for (int attempt = 0; attempt < 10 && !stopping; attempt++) {
                try {
                    producer.partitionsFor(t);
                    break;
                } catch (RuntimeException e) {
                    LOG.debug("telemetry: no metadata for topic {} yet: {}", t, e.toString());
                }
            }
        }
    }

    private void drain() {
        warmUp();
        while (!stopping || !queue.isEmpty()) {
            Entry e;
            try {
                e = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                break;
            }
            if (e != null) {
                send(e);
            }
        }
    }

    private void send(Entry e) {
        sendLine(e);
        if (answersTopic != null) {
            sendAnswer(e);
        }
    }

    private void sendAnswer(Entry e) {
        try {
            String record = AnswerRecords.format(e.epochMillis(), e.userId(), e.version(), e.arm(), e.value(),
                    e.textLength(), e.coldStart(), e.latencyNanos(), e.status());
            producer.send(new ProducerRecord<>(answersTopic, Long.toString(e.userId()), record), (meta, ex) -> {
                if (ex == null) {
                    answersSent.increment();
                } else {
                    answersDropped.increment();
                }
            });
        } catch (RuntimeException ex) {
            answersDropped.increment();
            LOG.debug("answer record dropped: {}", ex.toString());
        }
    }

    private void sendLine(Entry e) {
        try {
            String result = e.value() != null ? new String(e.value(), 0, e.textLength(), StandardCharsets.UTF_8)
                    : NOT_READY_RESULT;
            String line = EventFormatter.format(new RecommendationEvent(
                    LogTimes.wallTime(Instant.ofEpochMilli(e.epochMillis()), platformZone), Math.max(0, e.userId()),
                    server, e.status(), result, e.latencyNanos() / 1_000_000));
            producer.send(new ProducerRecord<>(topic, line), (meta, ex) -> {
                if (ex == null) {
                    sent.increment();
                } else {
                    dropped.increment();
                }
            });
        } catch (RuntimeException ex) {
            // Metadata not available within max.block.ms, buffer full, or a line that cannot be formatted.
            dropped.increment();
            LOG.debug("telemetry line dropped: {}", ex.toString());
        }
    }

    /** Sends what is still queued (for at most a few seconds), then closes the producer. */
    @Override
    public void close() {
        if (queue == null) {
            return;
        }
        stopping = true;
        try {
            drainer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainer.interrupt();
        producer.close(Duration.ofSeconds(3));
        int left = queue.size();
        if (left > 0) {
            dropped.increment(left);
            if (answersTopic != null) {
                answersDropped.increment(left);
            }
            queue.clear();
        }
    }
}
