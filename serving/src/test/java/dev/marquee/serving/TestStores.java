package dev.marquee.serving;

import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreWriter;
import java.util.List;
import java.util.Map;

/** Publishes small store versions for the serving tests. */
final class TestStores {

    static final List<String> COLD_START = List.of("popular+1999", "classic+1942");

    private TestStores() {
    }

    /** What user {@code id} is recommended in version {@code versionId}: differs between versions. */
    static List<String> moviesOf(String versionId, long id) {
        return List.of("movie+" + id + "+" + versionId, "film+" + (id % 7));
    }

    /** Publishes (does not promote) users 1, 3, 5, ... 2*count-1 plus the cold-start list. */
    static void publish(StoreLayout layout, String versionId, int count) {
        try (StoreWriter w = StoreWriter.create(layout, versionId)) {
            for (long id = 1; id < 2L * count; id += 2) {
                w.put(id, moviesOf(versionId, id));
            }
            w.coldStart(COLD_START);
            w.publish(Map.of("test", true));
        }
    }

    /** {@link #publish}es version {@code versionId} and promotes it. */
    static void publishAndPromote(StoreLayout layout, String versionId, int count) {
        publish(layout, versionId, count);
        layout.promote(versionId);
    }
}
