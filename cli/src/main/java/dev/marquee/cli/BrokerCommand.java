package dev.marquee.cli;

import dev.marquee.devkit.broker.LocalKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee broker}: a local single-node KRaft broker for development, until stopped. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Run a local single-node Kafka broker (KRaft, no Docker) on 127.0.0.1 until Ctrl-C.")
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9092", description = "listener port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--dir", defaultValue = "var/kafka", description = "data folder (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--topic", defaultValue = "movielog", description = "topic to create (default ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--partitions", defaultValue = "2", description = "its partitions (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--answers-topic", defaultValue = "marquee-answers",
        description = "the service's answer records' topic, also created (default ${DEFAULT-VALUE}; empty: none)")
    String answersTopic;

    @Override
    public Integer call() throws Exception {
        LocalKafka kafka = LocalKafka.start(dir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "broker-shutdown"));
        for (String t : answersTopic.isBlank() ? java.util.List.of(topic) : java.util.List.of(topic, answersTopic.trim())) {
            if (kafka.admin().listTopics().names().get().contains(t)) {
                System.out.println("topic " + t + " exists");
            } else {
                kafka.createTopic(t, partitions);
            }
        }
        System.out.println("broker ready at " + kafka.bootstrapServers() + " (topic " + topic
                + (answersTopic.isBlank() ? "" : ", answers topic " + answersTopic.trim()) + "); Ctrl-C stops it");
        Thread.currentThread().join(); // until the JVM is stopped; the hook closes the broker
        return 0;
    }
}
