package dev.marquee.testkit;

import dev.marquee.devkit.broker.LocalKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker (devkit's {@link LocalKafka}) for one test class, in a temporary
 * folder deleted afterwards. Register it as {@code @RegisterExtension static final KafkaExtension
 * KAFKA = new KafkaExtension();}; {@link #readLines} consumes what a test produced.
 */
public final class KafkaExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private LocalKafka broker;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("marquee-test-kafka-");
        broker = LocalKafka.start(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** The running broker. */
    public LocalKafka broker() {
        if (broker == null) {
            throw new IllegalStateException("the broker starts before all tests: register the extension on a static field");
        }
        return broker;
    }

    /** host:port of the broker. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /**
     * Every value on {@code topic} from the earliest offset, read until {@code expected} lines came
     * and then one more second without new ones (so that a duplicate would be seen too), or until
     * {@code timeout}. Returns what was read; the caller asserts on it.
     */
    public static List<String> readLines(String bootstrapServers, String topic, int expected, Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "testkit-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long quietUntil = Long.MAX_VALUE;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                int before = got.size();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    got.add(r.value());
                }
                if (got.size() >= expected && (quietUntil == Long.MAX_VALUE || got.size() > before)) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        return got;
    }

    /** {@link #readLines(String, String, int, Duration)} on this broker, with a 60 s deadline. */
    public List<String> readLines(String topic, int expected) {
        return readLines(bootstrapServers(), topic, expected, Duration.ofSeconds(60));
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
