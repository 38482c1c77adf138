package dev.marquee.testkit;

import dev.marquee.devkit.broker.LocalKafka;
import dev.marquee.devkit.broker.TopicLines;
import dev.marquee.devkit.replay.TopicProducer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
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

    /** Creates {@code topic} with {@code partitions} partitions and {@link #produce}s {@code lines} into it. */
    public String topic(String topic, int partitions, List<String> lines) {
        broker().createTopic(topic, partitions);
        produce(topic, lines);
        return topic;
    }

    /** Sends {@code lines} to {@code topic} (key = the line's user id, as the platform does); fails unless all were acknowledged. */
    public void produce(String topic, List<String> lines) {
        long sent = TopicProducer.produce(bootstrapServers(), topic, lines.iterator());
        if (sent != lines.size()) {
            throw new AssertionError(lines.size() + " lines to " + topic + " but " + sent + " acknowledged");
        }
    }

    /** What reached {@code topic} ({@link TopicLines#read}): at least {@code expected} lines or a 60 s deadline. */
    public List<String> readLines(String topic, int expected) {
        return TopicLines.read(bootstrapServers(), topic, expected, Duration.ofSeconds(60));
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
