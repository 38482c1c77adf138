package dev.marquee.testkit;

import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small store versions on disk whose lists differ between versions, for the tests of the store's readers. */
public final class StoreFixture {

    /** The cold-start list of every fixture version. */
    public static final List<String> COLD_START = List.of("popular+1999", "classic+1942");

    private StoreFixture() {
    }

    /** What user {@code id} is recommended in version {@code versionId}: differs between versions. */
    public static List<String> moviesOf(String versionId, long id) {
        return List.of("movie+" + id + "+" + versionId, "film+" + (id % 7));
    }

    /** Publishes (does not promote) users 1, 3, 5, ... 2*count-1 plus the cold-start list. */
    public static void publish(StoreLayout layout, String versionId, int count) {
        try (StoreWriter w = StoreWriter.create(layout, versionId)) {
            for (long id = 1; id < 2L * count; id += 2) {
                w.put(id, moviesOf(versionId, id));
            }
            w.coldStart(COLD_START);
            w.publish(Map.of("test", true));
        }
    }

    /** {@link #publish}es version {@code versionId} and promotes it. */
    public static void publishAndPromote(StoreLayout layout, String versionId, int count) {
        publish(layout, versionId, count);
        layout.promote(versionId);
    }

    /** A store under {@code root} with versions v000001 and v000002 (two users each), CURRENT on v000002. */
    public static StoreLayout twoVersions(Path root) {
        StoreLayout layout = new StoreLayout(root);
        publishAndPromote(layout, "v000001", 2);
        publishAndPromote(layout, "v000002", 2);
        return layout;
    }
}
