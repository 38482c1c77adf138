package dev.marquee.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version with A/B arms: each arm's lists beside the main ones, verified and read back per arm. */
class ArmsIT {

    @TempDir
    Path root;

    private static List<String> list(String prefix, long user) {
        return List.of(prefix + "+" + user + "+a", prefix + "+" + user + "+b", prefix + "+shared");
    }

    private Manifest write(StoreLayout layout) {
        try (StoreWriter w = StoreWriter.create(layout, layout.nextVersionId(), 50)) {
            w.coldStart(List.of("popular+1", "popular+2"));
            for (long u = 0; u < 300; u++) {
                w.put(u, list("main", u), new float[] {3, 2, 1});
                if (u % 2 == 0) {
                    w.putArm("candidate", u, list("cand", u), new float[] {0.3f, 0.2f, 0.1f});
                }
                w.putArm("control", u, list("ctrl", u), null);
            }
            assertThrows(IllegalArgumentException.class, () -> w.putArm("control", 5, list("ctrl", 5), null),
                    "users in increasing order within an arm");
            assertThrows(IllegalArgumentException.class, () -> w.putArm("main", 900, list("x", 900), null));
            assertThrows(IllegalArgumentException.class, () -> w.putArm("../db", 900, list("x", 900), null));
            return w.publish(Map.of("test", "arms"));
        }
    }

    @Test
    void armsAreWrittenBesideTheMainListsAndReadBackPerArm() {
        StoreLayout layout = new StoreLayout(root);
        Manifest m = write(layout);
        assertEquals(Map.of("candidate", 150L, "control", 300L), m.arms());
        assertTrue(m.files().stream().anyMatch(f -> f.path().startsWith("arms/candidate/db/") && f.path().endsWith(".sst")));
        assertTrue(m.files().stream().anyMatch(f -> f.path().startsWith("arms/control/db/") && f.path().endsWith(".sst")));
        try (StoreReader r = StoreReader.open(layout, m.versionId())) {
            assertEquals(Set.of("candidate", "control"), r.arms());
            assertEquals(list("main", 42), r.ids(r.get(42)));
            assertEquals(list("main", 42), r.ids(r.get(StoreWriter.MAIN_ARM, 42)));
            assertEquals(list("cand", 42), r.ids(r.get("candidate", 42)));
            assertArrayEquals(new float[] {0.3f, 0.2f, 0.1f}, r.scores(r.get("candidate", 42)));
            assertNull(r.get("candidate", 43), "the candidate arm holds even users only");
            assertEquals(list("ctrl", 43), r.ids(r.get("control", 43)));
            assertNull(r.get("control", 1000));
            assertThrows(IllegalArgumentException.class, () -> r.get("nope", 1));
            List<Long> users = new ArrayList<>();
            r.forEach("candidate", (user, ids, scores) -> {
                users.add(user);
                assertEquals(list("cand", user), ids);
            });
            assertEquals(150, users.size());
            for (int i = 0; i < users.size(); i++) {
                assertEquals(2L * i, users.get(i), "in user order");
            }
            List<Long> main = new ArrayList<>();
            r.forEach(StoreWriter.MAIN_ARM, (user, ids, scores) -> main.add(user));
            assertEquals(300, main.size(), "the cold-start key is not a user");
        }
    }

    @Test
    void aDamagedArmFailsTheVersionsVerification() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        Manifest m = write(layout);
        FileEntry sst = m.files().stream().filter(f -> f.path().startsWith("arms/control/") && f.path().endsWith(".sst"))
                .findFirst().orElseThrow();
        Path file = layout.versionDir(m.versionId()).resolve(sst.path());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(file, bytes);
        StoreException e = assertThrows(StoreException.class, () -> StoreReader.open(layout, m.versionId()));
        assertTrue(e.getMessage().contains("arms/control/db/"), e.getMessage());
    }

    @Test
    void aManifestWithoutArmsReadsAsNoArms() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        Manifest m = write(layout);
        Path file = layout.versionDir(m.versionId()).resolve(Manifest.FILE_NAME);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        assertTrue(tree.remove("arms") != null, "the manifest names its arms");
        Path old = root.resolve("old-manifest.json");
        json.writeValue(old.toFile(), tree);
        assertEquals(Map.of(), Manifest.read(old).arms());
        assertEquals(m.files(), Manifest.read(old).files());
    }

    @Test
    void promotingAnArmMakesItsListsTheMainOnesOfANewCurrentVersion() {
        StoreLayout layout = new StoreLayout(root);
        Manifest m = write(layout);
        layout.promote(m.versionId());
        assertThrows(IllegalArgumentException.class, () -> ArmPromotion.promote(layout, "nope"));
        Manifest promoted = ArmPromotion.promote(layout, "candidate");
        assertEquals("v000002", promoted.versionId());
        assertEquals(java.util.Optional.of("v000002"), layout.current());
        assertEquals(Map.of(), promoted.arms());
        assertEquals(300, promoted.userCount(), "users the arm lacks keep their main list");
        try (StoreReader r = StoreReader.open(layout, "v000002")) {
            assertEquals(list("cand", 42), r.ids(r.get(42)));
            assertArrayEquals(new float[] {0.3f, 0.2f, 0.1f}, r.scores(r.get(42)));
            assertEquals(list("main", 43), r.ids(r.get(43)));
            assertEquals(List.of("popular+1", "popular+2"), r.ids(r.coldStart()));
            assertEquals("v000001", ((Map<?, ?>) r.manifest().lineage().get("promotedArm")).get("from"));
        }
    }
}
