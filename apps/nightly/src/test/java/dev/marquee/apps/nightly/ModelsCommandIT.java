package dev.marquee.apps.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.store.StoreLayout;
import dev.marquee.store.StoreWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandIT {

    private static void publish(StoreLayout layout, String id, int snapshot, double ndcg) {
        try (StoreWriter w = StoreWriter.create(layout, id)) {
            w.coldStart(List.of("alien+1979"));
            w.put(1, List.of("the+matrix+1999"));
            w.put(2, List.of("alien+1979"));
            w.publish(Map.of(
                    "lake", Map.of("snapshot", snapshot, "offsetsUntil", Map.of("0", 10 * snapshot)),
                    "dataReport", Map.of("records", 100 * snapshot, "rejectedByReason", Map.of("bad_time", 2, "duplicate", 1)),
                    "published", Map.of("model", "als-implicit"),
                    "evaluation", Map.of("models", Map.of("published", Map.of("ranking", Map.of("ndcg", ndcg)))),
                    "codeVersion", "abc1234"));
        }
    }

    @Test
    void listsEveryVersionWithItsLineageAndMarksCurrent(@TempDir Path root) throws Exception {
        StoreLayout layout = new StoreLayout(root);
        publish(layout, "v000001", 1, 0.91234);
        publish(layout, "v000002", 2, 0.85);
        layout.promote("v000001");
        Files.createDirectories(layout.versionDir("v000003"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ModelsCommand().print(layout, layout.versions(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("*  v000001"), lines.get(1));
        assertTrue(lines.get(1).contains("0.9123") && lines.get(1).contains("abc1234") && lines.get(1).contains("{0=10}")
                && lines.get(1).contains("als-implicit"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("   v000002") && lines.get(2).contains("0.8500") && lines.get(2).contains(" 200 "),
                lines.get(2));
        assertTrue(lines.get(2).contains(" 3 "), "3 rejected lines: " + lines.get(2));
        assertTrue(lines.get(3).contains("v000003") && lines.get(3).contains("incomplete"), lines.get(3));
    }
}
