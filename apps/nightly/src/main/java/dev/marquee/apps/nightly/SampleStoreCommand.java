package dev.marquee.apps.nightly;

import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marquee sample-store}: publishes a tiny, fixed store version (no Kafka, no Spark) and makes it
 * CURRENT. Used to check a serving image or deployment end to end (ci/publish-local.sh); hidden from help.
 */
@Command(name = "sample-store", hidden = true, mixinStandardHelpOptions = true,
    description = "Publish a tiny fixed store version (users 0..N-1) for smoke tests, and make it CURRENT.")
public final class SampleStoreCommand implements Callable<Integer> {
    static final List<String> COLD_START = List.of("the+shawshank+redemption+1994", "the+godfather+1972",
            "the+dark+knight+2008");

    @Option(names = "--store", required = true, description = "store root to publish into")
    Path store;

    @Option(names = "--users", defaultValue = "100", description = "number of users, ids 0..N-1 (default: ${DEFAULT-VALUE})")
    int users;

    @Override
    public Integer call() {
        StoreLayout layout = new StoreLayout(store);
        String versionId = layout.nextVersionId();
        try (StoreWriter writer = StoreWriter.create(layout, versionId)) {
            for (long u = 0; u < users; u++) {
                writer.put(u, List.of("movie+" + u + "+2000", "film+" + (u % 7) + "+1990", "the+matrix+1999"));
            }
            writer.coldStart(COLD_START);
            writer.publish(Map.of("sample", Map.of("users", users)));
        }
        layout.promote(versionId);
        System.out.println("sample-store: published " + versionId + " with " + users + " users under "
                + store.toAbsolutePath());
        return 0;
    }
}
