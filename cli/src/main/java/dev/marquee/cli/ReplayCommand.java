package dev.marquee.cli;

import dev.marquee.devkit.replay.TopicProducer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee replay}: produces a dataset's (or the synthetic platform's) log to the topic. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Produce a platform's log to the topic: a ratings dataset folder, or the synthetic platform.")
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--dataset", description = "MovieTweetings, MovieLens 100k/1M or ratings.csv folder; "
            + "without it, the synthetic platform")
    Path dataset;

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka (default ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "movielog", description = "topic (default ${DEFAULT-VALUE})")
    String topic;

    @Override
    public Integer call() throws Exception {
        LogSource source = LogSource.of(dataset);
        long sent = TopicProducer.produce(bootstrap, topic, source.lines());
        System.out.printf("replayed %d lines of the %s to %s/%s%n", sent, source.name(), bootstrap, topic);
        System.out.printf("its rating scale is %d..%d: run ./marquee batch --set marquee.batch.rating.min=%d"
                + " --set marquee.batch.rating.max=%d%n", source.scale().min(), source.scale().max(),
                source.scale().min(), source.scale().max());
        return 0;
    }
}
