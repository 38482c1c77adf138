package dev.marquee.devkit.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A plain main for measuring the simulator without the CLI:
 * {@code SimulateMain --users N --movies N --events N --out DIR [--days N] [--garbage-share X] [--seed N]
 * [--lines-per-file N] [--gzip]}. {@code ./marquee simulate} is the same with a topic sink too.
 */
public final class SimulateMain {

    private static final Set<String> KEYS = Set.of("--users", "--movies", "--events", "--days", "--garbage-share",
            "--seed", "--out", "--lines-per-file");

    private SimulateMain() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new HashMap<>();
        boolean gzip = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--gzip")) {
                gzip = true;
            } else if (KEYS.contains(args[i]) && i + 1 < args.length) {
                a.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete argument: " + args[i]);
            }
        }
        SimConfig defaults = SimConfig.of(1, 20, 1);
        SimConfig config = new SimConfig(Integer.parseInt(a.getOrDefault("--users", "1000000")),
                Integer.parseInt(a.getOrDefault("--movies", "27000")),
                Long.parseLong(a.getOrDefault("--events", "20000000")),
                Integer.parseInt(a.getOrDefault("--days", Integer.toString(defaults.days()))),
                LocalDate.of(2025, 1, 1), defaults.latentDims(),
                Double.parseDouble(a.getOrDefault("--garbage-share", Double.toString(defaults.garbageShare()))),
                defaults.newAccountShare(), Long.parseLong(a.getOrDefault("--seed", "42")));
        Path out = Path.of(a.getOrDefault("--out", "var/sim"));
        Simulation.Report r = Simulation.toFiles(config, out,
                Long.parseLong(a.getOrDefault("--lines-per-file", "1000000")), gzip);
        System.out.println(r.describe());
    }
}
