package dev.marquee.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workplace's shared datasets ({@code ../shared/datasets}, property {@code marquee.shared.dir}).
 * A test that needs one is skipped where it is absent (a user's machine), and fails where
 * {@code marquee.datasets.required} is true (.ci/run sets it when the datasets are there).
 */
public final class Datasets {

    private Datasets() {
    }

    /** The folder of dataset {@code name}, holding {@code file}; skips or fails the test when it is not there. */
    public static Path require(String name, String file) {
        Path dir = Path.of(System.getProperty("marquee.shared.dir", "../shared"), "datasets", name);
        boolean present = Files.isRegularFile(dir.resolve(file));
        if (Boolean.getBoolean("marquee.datasets.required")) {
            assertTrue(present, "dataset " + name + " is required here (marquee.datasets.required) but "
                    + dir.resolve(file) + " is missing");
        }
        assumeTrue(present, "dataset " + name + " is not beside the checkout: " + dir);
        return dir;
    }
}
