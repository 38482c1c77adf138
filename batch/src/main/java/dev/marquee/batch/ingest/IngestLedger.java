package dev.marquee.batch.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The list of committed runs, one JSON file each, written by atomic rename. The files are the
 * truth: a run without one never happened, whatever else it left in the lake.
 */
public final class IngestLedger {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final LakeLayout lake;

    public IngestLedger(LakeLayout lake) {
        this.lake = lake;
    }

    /** Every commit, oldest first. */
    public List<IngestCommit> commits() {
        Path dir = lake.ledger();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<IngestCommit> commits = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().matches("run-\\d{6}\\.json")).toList()) {
                commits.add(JSON.readValue(f.toFile(), IngestCommit.class));
            }
            commits.sort(Comparator.comparingInt(IngestCommit::run));
            return commits;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lake's ledger at " + dir, e);
        }
    }

    /** The latest commit, if any. */
    public Optional<IngestCommit> last() {
        List<IngestCommit> all = commits();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The number the next run gets. */
    public int nextRun() {
        return last().map(c -> c.run() + 1).orElse(1);
    }

    /** Writes a commit; refuses to overwrite one. */
    public void commit(IngestCommit commit) {
        Path target = lake.ledger().resolve("run-" + LakeLayout.id(commit.run()) + ".json");
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                throw new IllegalStateException("run " + commit.run() + " is already committed: " + target);
            }
            Path tmp = Files.createTempFile(target.getParent(), ".commit-", ".tmp");
            JSON.writeValue(tmp.toFile(), commit);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write commit " + target, e);
        }
    }
}
