package dev.marquee.apps.nightly;

import com.typesafe.config.ConfigFactory;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marquee models}: every store version with its lineage, newest last, CURRENT marked. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the store's versions with their lineage: lake snapshot, offsets, counts, published model, NDCG@20, code.")
public final class ModelsCommand implements Callable<Integer> {
    @Option(names = "--store", description = "store root (default: marquee.batch.store.root, var/store)")
    Path store;

    @Option(names = "--json", description = "print each version's whole manifest as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path root = store != null ? store : Path.of(ConfigFactory.load().getString("marquee.batch.store.root"));
        StoreLayout layout = new StoreLayout(root);
        List<String> versions = layout.versions();
        if (versions.isEmpty()) {
            System.out.println("no store version under " + root.toAbsolutePath());
            return 0;
        }
        print(layout, versions, System.out);
        return 0;
    }

    void print(StoreLayout layout, List<String> versions, PrintStream out) throws Exception {
        Optional<String> current = layout.current();
        if (!json) {
            out.printf("%-2s %-8s %-20s %9s %5s %-22s %10s %9s %-13s %8s %-10s%n", "", "version", "created", "users",
                    "lake", "offsets until", "new recs", "rejected", "model", "ndcg@20", "code");
        }
        for (String v : versions) {
            Path manifestFile = layout.versionDir(v).resolve(Manifest.FILE_NAME);
            String mark = current.filter(v::equals).isPresent() ? "*" : "";
            if (!Files.exists(manifestFile)) {
                out.printf("%-2s %-8s (incomplete: no manifest, never served)%n", mark, v);
                continue;
            }
            Manifest m = Manifest.read(manifestFile);
            if (json) {
                out.println(Files.readString(manifestFile));
                continue;
            }
            Map<String, Object> lineage = m.lineage();
            out.printf("%-2s %-8s %-20s %,9d %5s %-22s %10s %9s %-13s %8s %-10s%n", mark, v,
                    m.createdAt().replaceAll("\\.\\d+Z$", "Z"), m.userCount(), get(lineage, "lake", "snapshot"),
                    get(lineage, "lake", "offsetsUntil"), get(lineage, "dataReport", "records"), rejected(lineage),
                    get(lineage, "published", "model"),
                    format(get(lineage, "evaluation", "models", "published", "ranking", "ndcg")), get(lineage, "codeVersion"));
        }
    }

    private static String rejected(Map<String, Object> lineage) {
        Object byReason = get(lineage, "dataReport", "rejectedByReason");
        if (byReason instanceof Map<?, ?> m) {
            return String.valueOf(m.values().stream().mapToLong(n -> ((Number) n).longValue()).sum());
        }
        return "-";
    }

    private static String format(Object value) {
        return value instanceof Number n ? String.format("%.4f", n.doubleValue()) : String.valueOf(value);
    }

    /** The value at a path of keys in nested maps, or "-". */
    static Object get(Map<String, Object> map, String... path) {
        Object node = map;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(key)) {
                return "-";
            }
            node = m.get(key);
        }
        return node;
    }
}
