package dev.marquee.apps.nightly;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.marquee.batch.BatchMain;
import dev.marquee.batch.config.BatchConfig;
import dev.marquee.deploy.BatchRollout;
import dev.marquee.deploy.RolloutConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee batch}: one nightly run against the configured topic and store. */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = "Run one nightly job: read the topic, train, publish a store version (exit 1 leaves the old one).")
public final class BatchCommand implements Callable<Integer> {
    @Option(names = "--set", description = "override a config key, e.g. marquee.batch.als.rank=32")
    List<String> settings = new ArrayList<>();

    @Option(names = "--rollout", description = "on Kubernetes: after publishing, wait until every ready service pod "
            + "serves the new version, else roll CURRENT back and exit 4 (= marquee.rollout.enabled=true)")
    boolean rollout;

    @Override
    public Integer call() {
        if (rollout) {
            settings.add("marquee.rollout.enabled=true");
        }
        ConfigOverrides.apply(settings);
        Config config = ConfigFactory.load();
        BatchConfig batch = BatchConfig.load(config);
        return BatchRollout.run(batch.storeRoot(), RolloutConfig.load(config), () -> BatchMain.run(batch),
                System.out::println);
    }
}
