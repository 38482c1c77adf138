package dev.marquee.batch.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs' summaries in the lake, {@code root/_drift/run-000001.json}, each written by atomic
 * rename. A summary counts only once its run is committed: a run that stopped or died left one
 * that its re-run overwrites.
 */
public final class DriftSummaries {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    /** The summaries of the lake at {@code lakeRoot}. */
    public DriftSummaries(Path lakeRoot) {
        this.dir = lakeRoot.resolve("_drift");
    }

    /** One run's summary file. */
    public Path file(int run) {
        return dir.resolve(String.format("run-%06d.json", run));
    }

    /** Writes (or replaces) a run's summary. */
    public void write(RunSummary summary) {
        Path target = file(summary.run());
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".summary-", ".tmp");
            JSON.writeValue(tmp.toFile(), summary);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write drift summary " + target, e);
        }
    }

    /**
     * The reference: the summaries of the latest {@code count} committed runs after the first
     * {@code backfill}, oldest first; runs without a summary (from before drift was measured, or with
     * nothing new) are skipped, not replaced by older ones.
     */
    public List<RunSummary> reference(List<Integer> committed, int backfill, int count) {
        List<Integer> runs = committed.stream().filter(r -> r > backfill).sorted().toList();
        List<RunSummary> out = new ArrayList<>();
        for (int run : runs.subList(Math.max(0, runs.size() - count), runs.size())) {
            Path f = file(run);
            if (Files.exists(f)) {
                try {
                    out.add(JSON.readValue(f.toFile(), RunSummary.class));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read drift summary " + f, e);
                }
            }
        }
        return out;
    }
}
