package dev.marquee.apps.nightly;

import com.typesafe.config.ConfigFactory;
import dev.marquee.store.Housekeeping;
import dev.marquee.store.StoreException;
import dev.marquee.store.StoreLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee prune}: deletes old store versions beyond the newest N. */
@Command(name = "prune", mixinStandardHelpOptions = true,
    description = "Delete complete store versions beyond the newest N; never the live one, its rollback target, "
        + "one newer than the live one, or one without a manifest (perhaps being written).")
public final class PruneCommand implements Callable<Integer> {
    @Option(names = "--store", description = "store root (default: marquee.batch.store.root, var/store)")
    Path store;

    @Option(names = "--keep", required = true, description = "number of newest complete versions to keep (>= 1)")
    int keep;

    @Override
    public Integer call() {
        Path root = store != null ? store : Path.of(ConfigFactory.load().getString("marquee.batch.store.root"));
        try {
            Housekeeping.Prune p = Housekeeping.prune(new StoreLayout(root), keep);
            System.out.println("pruned " + root + ": deleted " + names(p.deleted()) + ", kept " + names(p.kept())
                    + (p.skippedIncomplete().isEmpty() ? "" : ", left incomplete " + names(p.skippedIncomplete())));
            return 0;
        } catch (StoreException | IllegalArgumentException e) {
            System.err.println("prune failed: " + e.getMessage());
            return 1;
        }
    }

    private static String names(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(" ", ids);
    }
}
