package dev.marquee.apps.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code marquee rollback} and {@code marquee prune} on a real store on disk. */
class HousekeepingCommandsIT {

    @TempDir
    Path root;

    @Test
    void rollbackThenPrunePrintWhatTheyDid() throws Exception {
        StoreLayout layout = new StoreLayout(root);
        for (String v : List.of("v000001", "v000002", "v000003", "v000004")) {
            try (StoreWriter w = StoreWriter.create(layout, v)) {
                w.put(1, List.of("movie+" + v));
                w.coldStart(List.of("popular+1999"));
                w.publish(Map.of());
            }
            layout.promote(v);
        }
        Run rollback = run("rollback", "--store", root.toString());
        assertEquals(0, rollback.code, rollback.err);
        assertTrue(rollback.out.contains("CURRENT v000004 -> v000003"), rollback.out);
        assertEquals(Optional.of("v000003"), layout.current());

        Run prune = run("prune", "--store", root.toString(), "--keep", "1");
        assertEquals(0, prune.code, prune.err);
        assertTrue(prune.out.contains("deleted v000001, kept v000002 v000003 v000004"), prune.out);
        assertFalse(Files.exists(layout.versionDir("v000001")));

        Run bad = run("prune", "--store", root.toString(), "--keep", "0");
        assertEquals(1, bad.code);
        assertTrue(bad.err.contains("keep must be at least 1"), bad.err);
        Run nothing = run("rollback", "--store", root.resolve("empty").toString());
        assertEquals(1, nothing.code);
        assertTrue(nothing.err.contains("nothing to roll back"), nothing.err);
    }

    @Test
    void forgetRefusesAnIdThatIsNotOneBeforeTouchingAnything() {
        for (String bad : List.of("abc", "-1", "%31", "99999999999999999999")) {
            Run r = run("forget", bad, "--set", "marquee.batch.lake.root=" + root.resolve("lake"));
            assertEquals(1, r.code, bad);
            assertTrue(r.err.contains("forget: a user id is 1 to 19 digits, got '" + bad + "'"), r.err);
        }
        assertFalse(Files.exists(root.resolve("lake")), "no lake was created or read");
        Run help = run("forget", "--help");
        assertEquals(0, help.code);
        assertTrue(help.out.contains("USER_ID"), help.out);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new NightlyMain()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
