package dev.marquee.cli;

import dev.marquee.apps.nightly.ConfigOverrides;
import dev.marquee.apps.serve.ServeMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee serve}: the lookup service, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve GET /recommend/<userId> from the store's current version until stopped.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--set", description = "override a config key, e.g. marquee.serving.port=8082")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        ConfigOverrides.apply(settings);
        ServeMain.main(new String[0]);
        Thread.currentThread().join(); // serves until the JVM is stopped; ServeMain's hook drains and closes
        return 0;
    }
}
