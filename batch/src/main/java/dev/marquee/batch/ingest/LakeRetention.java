package dev.marquee.batch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lake's retention rule: a committed run all of whose events are more than {@code days} days
 * older than the lake's latest event is retired. Its id is appended to
 * {@code _retention/retired.txt} (fsynced) first, so readers skip it from then on, and only then are
 * its event and quarantine files deleted; its ledger entry stays, since the next run's offsets start
 * where the runs before it ended. The newest run is never retired. 0 days keeps everything.
 */
public final class LakeRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LakeRetention.class);

    private LakeRetention() {
    }

    /** The runs retired so far. */
    public static Set<Integer> retired(LakeLayout lake) {
        Path file = file(lake);
        Set<Integer> ids = new TreeSet<>();
        if (Files.exists(file)) {
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.map(String::trim).filter(l -> !l.isEmpty()).forEach(l -> ids.add(Integer.parseInt(l)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ids;
    }

    /** The commits whose events training reads: every one not retired. */
    public static List<IngestCommit> readable(LakeLayout lake, List<IngestCommit> commits) {
        Set<Integer> retired = retired(lake);
        return commits.stream().filter(c -> !retired.contains(c.run())).toList();
    }

    /** Retires the runs older than {@code days} days before the lake's latest event; returns their ids. */
    public static List<Integer> apply(LakeLayout lake, List<IngestCommit> commits, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("lake.retention-days must be 0 (keep everything) or positive, got " + days);
        }
        List<IngestCommit> live = readable(lake, commits);
        if (days == 0 || live.size() < 2) {
            return List.of();
        }
        Optional<LocalDate> latest = live.stream().map(c -> latestDate(Path.of(c.eventsPath())))
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
        if (latest.isEmpty()) {
            return List.of();
        }
        LocalDate cutoff = latest.get().minusDays(days);
        List<Integer> retiring = new ArrayList<>();
        for (IngestCommit c : live.subList(0, live.size() - 1)) {
            Optional<LocalDate> newest = latestDate(Path.of(c.eventsPath()));
            if (newest.isPresent() && newest.get().isBefore(cutoff)) {
                retiring.add(c.run());
            }
        }
        for (int run : retiring) {
            record(lake, run);
        }
        for (IngestCommit c : live) {
            if (retiring.contains(c.run())) {
                LakeLayout.deleteTree(Path.of(c.eventsPath()));
                LakeLayout.deleteTree(Path.of(c.quarantinePath()));
                if (c.answers() != null && c.answers().answersPath() != null) {
                    // A run's answers go with its events: online evaluation reads only readable runs.
                    LakeLayout.deleteTree(Path.of(c.answers().answersPath()));
                    LakeLayout.deleteTree(Path.of(c.answers().quarantinePath()));
                }
                LOG.info("lake retention: run {} retired (every event before {}), its files deleted", c.run(), cutoff);
            }
        }
        return retiring;
    }

    /** The latest {@code date=YYYY-MM-DD} partition of a run's events folder. */
    static Optional<LocalDate> latestDate(Path eventsDir) {
        if (!Files.isDirectory(eventsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> parts = Files.list(eventsDir)) {
            return parts.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("date="))
                    .map(n -> LocalDate.parse(n.substring("date=".length()))).max(Comparator.naturalOrder());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void record(LakeLayout lake, int run) {
        try {
            Files.createDirectories(file(lake).getParent());
            Files.writeString(file(lake), run + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record retired run " + run, e);
        }
    }

    private static Path file(LakeLayout lake) {
        return lake.root().resolve("_retention").resolve("retired.txt");
    }
}
