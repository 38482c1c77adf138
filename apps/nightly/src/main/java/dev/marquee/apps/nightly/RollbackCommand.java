package dev.marquee.apps.nightly;

import com.typesafe.config.ConfigFactory;
import dev.marquee.store.Housekeeping;
import dev.marquee.store.StoreException;
import dev.marquee.store.StoreLayout;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee rollback}: points CURRENT back at the version promoted before the live one. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Point CURRENT back at the version promoted before the live one (by HISTORY); running services follow within their poll interval.")
public final class RollbackCommand implements Callable<Integer> {
    @Option(names = "--store", description = "store root (default: marquee.batch.store.root, var/store)")
    Path store;

    @Override
    public Integer call() {
        Path root = store != null ? store : Path.of(ConfigFactory.load().getString("marquee.batch.store.root"));
        try {
            Housekeeping.Rollback r = Housekeeping.rollback(new StoreLayout(root));
            System.out.println("rolled back " + root + ": CURRENT " + r.from() + " -> " + r.to());
            return 0;
        } catch (StoreException e) {
            System.err.println("rollback refused: " + e.getMessage());
            return 1;
        }
    }
}
