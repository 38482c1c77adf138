package dev.marquee.store;

import java.util.List;
import java.util.Map;

/** Builds small, hand-checkable store versions for tests. */
final class TestVersions {

    static final List<String> COLD_START = List.of("popular+1999", "classic+1942", "hit+2020");

    private TestVersions() {
    }

    /** The recommendation list of a test user: deterministic in the id. */
    static List<String> moviesOf(long userId) {
        return List.of("movie+" + userId, "film+" + (userId % 97), "show+" + (userId * 31 % 1000));
    }

    /** Publishes a version holding users 0, stride, 2*stride, ... (count of them) and the cold-start list. */
    static Manifest publish(StoreLayout layout, String versionId, int count, long stride, long keysPerFile) {
        try (StoreWriter writer = StoreWriter.create(layout, versionId, keysPerFile)) {
            for (long i = 0; i < count; i++) {
                writer.put(i * stride, moviesOf(i * stride));
            }
            writer.coldStart(COLD_START);
            return writer.publish(Map.of("test", versionId));
        }
    }
}
