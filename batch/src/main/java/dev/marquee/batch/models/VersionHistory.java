package dev.marquee.batch.models;

import dev.marquee.batch.eval.report.HistoryEntry;
import dev.marquee.store.Manifest;
import dev.marquee.store.StoreLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The published versions' evaluation figures, read back from their manifests. */
public final class VersionHistory {
    private VersionHistory() {}

    /** Every complete version's published-model figures, oldest first (versions without them are skipped). */
    public static List<HistoryEntry> read(StoreLayout layout) {
        List<HistoryEntry> history = new ArrayList<>();
        for (String v : layout.versions()) {
            manifest(layout, v).flatMap(VersionHistory::entry).ifPresent(history::add);
        }
        return history;
    }

    /** The NDCG@K of the version CURRENT names, if it recorded one. */
    public static OptionalDouble servingNdcg(StoreLayout layout) {
        return layout.current().flatMap(v -> manifest(layout, v)).flatMap(VersionHistory::entry)
                .map(e -> OptionalDouble.of(e.ndcg())).orElse(OptionalDouble.empty());
    }

    /** A version's manifest, if the version is complete. */
    static Optional<Manifest> manifest(StoreLayout layout, String version) {
        Path file = layout.versionDir(version).resolve(Manifest.FILE_NAME);
        return Files.exists(file) ? Optional.of(Manifest.read(file)) : Optional.empty();
    }

    private static Optional<HistoryEntry> entry(Manifest m) {
        Object ranking = path(m.lineage(), "evaluation", "models", "published", "ranking");
        if (!(ranking instanceof Map<?, ?> r)) {
            return Optional.empty();
        }
        return Optional.of(new HistoryEntry(m.versionId(), m.createdAt(), number(r.get("ndcg")), number(r.get("precision")),
                number(r.get("recall")), number(r.get("coverage"))));
    }

    private static Object path(Map<String, Object> map, String... keys) {
        Object node = map;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(key);
        }
        return node;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
