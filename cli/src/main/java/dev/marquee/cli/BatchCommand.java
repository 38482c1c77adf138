package dev.marquee.cli;

import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.BatchConfig;
import dev.marquee.batch.BatchMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee batch}: one nightly run against the configured topic and store. */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = "Run one nightly job: read the topic, train, publish a store version (exit 1 leaves the old one).")
final class BatchCommand implements Callable<Integer> {
    @Option(names = "--set", description = "override a config key, e.g. marquee.batch.als.rank=32")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        ConfigOverrides.apply(settings);
        return BatchMain.run(BatchConfig.load(ConfigFactory.load()));
    }
}
