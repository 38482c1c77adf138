package dev.marquee.apps.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The hidden {@code sample-store} command that ci/publish-local.sh runs in the batch image. */
class SampleStoreCommandIT {

    @Test
    void publishesATinyVersionAndMakesItCurrent(@TempDir Path root) {
        int rc = new CommandLine(new NightlyMain()).execute("sample-store", "--store", root.toString(), "--users", "10");
        assertEquals(0, rc);
        StoreLayout layout = new StoreLayout(root);
        assertEquals(Optional.of("v000001"), layout.current());
        try (StoreReader reader = StoreReader.open(layout, "v000001")) {
            assertEquals(List.of("movie+7+2000", "film+0+1990", "the+matrix+1999"), reader.ids(reader.get(7)));
            assertNull(reader.get(10));
            assertEquals(SampleStoreCommand.COLD_START, reader.ids(reader.coldStart()));
            assertEquals(10, reader.manifest().userCount());
        }
        assertEquals(0, new CommandLine(new NightlyMain()).execute("sample-store", "--store", root.toString(), "--users", "1"));
        assertEquals(Optional.of("v000002"), layout.current());
    }
}
