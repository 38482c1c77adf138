package dev.marquee.deploy;

import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A real store on disk with versions v000001 and v000002 (two users each), CURRENT on v000002. */
final class TestStore {
    private TestStore() {}

    static StoreLayout twoVersions(Path root) {
        StoreLayout layout = new StoreLayout(root);
        publish(layout, "v000001");
        layout.promote("v000001");
        publish(layout, "v000002");
        layout.promote("v000002");
        return layout;
    }

    static void publish(StoreLayout layout, String versionId) {
        try (StoreWriter writer = StoreWriter.create(layout, versionId)) {
            writer.put(1, List.of("the+matrix+1999", "alien+1979"));
            writer.put(2, List.of("heat+1995"));
            writer.coldStart(List.of("casablanca+1942"));
            writer.publish(Map.of("test", versionId));
        }
    }
}
