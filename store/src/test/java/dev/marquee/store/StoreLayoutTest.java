package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLayoutTest {

    @TempDir
    Path root;

    @Test
    void pathsFollowTheLayout() {
        StoreLayout layout = new StoreLayout(root);
        assertEquals(root.resolve("versions"), layout.versionsDir());
        assertEquals(root.resolve("versions").resolve("v000003"), layout.versionDir("v000003"));
        assertEquals(root.resolve("CURRENT"), layout.currentFile());
    }

    @Test
    void emptyStoreHasNoVersionsAndStartsAtOne() {
        StoreLayout layout = new StoreLayout(root.resolve("absent"));
        assertEquals(List.of(), layout.versions());
        assertEquals("v000001", layout.nextVersionId());
        assertEquals(Optional.empty(), layout.current());
    }

    @Test
    void versionsAreSortedAndNextIsMaxPlusOne() throws IOException {
        StoreLayout layout = new StoreLayout(root);
        for (String v : List.of("v000010", "v000002", "v000009", "scratch")) {
            Files.createDirectories(layout.versionsDir().resolve(v));
        }
        Files.writeString(layout.versionsDir().resolve("v999999.txt"), "a file, not a version");
        assertEquals(List.of("scratch", "v000002", "v000009", "v000010"), layout.versions());
        assertEquals("v000011", layout.nextVersionId());
    }

    @Test
    void currentIsTrimmedAndBlankIsAbsent() throws IOException {
        StoreLayout layout = new StoreLayout(root);
        Files.writeString(layout.currentFile(), "  v000004\n");
        assertEquals(Optional.of("v000004"), layout.current());
        Files.writeString(layout.currentFile(), "\n");
        assertTrue(layout.current().isEmpty());
    }

    @Test
    void versionIdsCannotEscapeTheVersionsDirectory() {
        StoreLayout layout = new StoreLayout(root);
        for (String bad : List.of("..", "../x", "a/b", "", ".hidden")) {
            assertThrows(IllegalArgumentException.class, () -> layout.versionDir(bad), bad);
        }
    }

    @Test
    void promoteRefusesAVersionWithoutManifestAndLeavesCurrentAlone() throws IOException {
        StoreLayout layout = new StoreLayout(root);
        Files.writeString(layout.currentFile(), "v000001\n");
        Files.createDirectories(layout.versionDir("v000002").resolve("db"));
        StoreException e = assertThrows(StoreException.class, () -> layout.promote("v000002"));
        assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
        assertEquals(Optional.of("v000001"), layout.current());
    }
}
