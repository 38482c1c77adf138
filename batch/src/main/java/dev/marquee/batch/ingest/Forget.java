package dev.marquee.batch.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring_index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user asked to be forgotten: their events leave every committed run of the lake, and their
 * rejected lines leave the quarantine. Each touched run is rewritten beside itself and swapped in
 * (old folder to {@code _forget/trash}, new one into place); a run interrupted between the two moves
 * is finished by the next call. The id is recorded in {@code _forget/users.txt}, and ingestion drops
 * that user's events should they arrive again (a re-read of the topic, a late event). The store's
 * versions are not touched: the user's list leaves with the next version, trained without them.
 * Run it between nightly runs, never during one (the CronJob forbids overlapping jobs; a hand-run
 * forget is not locked against one).
 */
public final class Forget {

    private static final Logger LOG = LoggerFactory.getLogger(Forget.class);

    /** What a call removed. */
    public record Result(long userId, long events, long quarantined, int runsRewritten, long answers) {}

    private final SparkSession spark;
    private final LakeLayout lake;
    private final Clock clock;

    public Forget(SparkSession spark, LakeLayout lake, Clock clock) {
        this.spark = spark;
        this.lake = lake;
        this.clock = clock;
    }

    /** The ids recorded as forgotten, in the order they were asked for. */
    public static List<Long> forgotten(LakeLayout lake) {
        Path file = usersFile(lake);
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(String::trim).filter(l -> !l.isEmpty()).map(l -> Long.parseLong(l.split(" ")[0])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code userId}'s events and quarantined lines from every committed run, then records the id. */
    public Result user(long userId) {
        if (userId < 0) {
            throw new IllegalArgumentException("a user id is non-negative, got " + userId);
        }
        finishInterruptedSwaps();
        long events = 0;
        long quarantined = 0;
        int rewritten = 0;
        long answers = 0;
        for (IngestCommit commit : new IngestLedger(lake).commits()) {
            answers += forgetAnswers(commit.answers(), userId);
            Path eventsDir = Path.of(commit.eventsPath());
            long mine = Files.isDirectory(eventsDir)
                    ? spark.read().parquet(eventsDir.toString()).where(col("user").equalTo(lit(userId))).count() : 0;
            if (mine > 0) {
                Dataset<Row> kept = spark.read().parquet(eventsDir.toString()).where(col("user").notEqual(lit(userId)));
                swap(eventsDir, kept, true);
                events += mine;
                rewritten++;
            }
            Path quarantineDir = Path.of(commit.quarantinePath());
            if (Files.isDirectory(quarantineDir)) {
                Dataset<Row> lines = spark.read().parquet(quarantineDir.toString());
                // A rejected line's user is its second field, when it has one.
                var ofUser = substring_index(substring_index(col("line"), ",", 2), ",", -1).equalTo(lit(Long.toString(userId)));
                long theirs = lines.where(ofUser).count();
                if (theirs > 0) {
                    swap(quarantineDir, spark.read().parquet(quarantineDir.toString()).where(not(coalesce(ofUser, lit(false)))), false);
                    quarantined += theirs;
                }
            }
        }
        record(userId);
        LOG.info("forgot user {}: {} events, {} quarantined lines and {} answer records removed, {} runs rewritten",
                userId, events, quarantined, answers, rewritten);
        return new Result(userId, events, quarantined, rewritten, answers);
    }

    /** Removes the user's answer records (and quarantined ones naming them) from one run; returns how many. */
    private long forgetAnswers(AnswersCommit answers, long userId) {
        if (answers == null || answers.answersPath() == null) {
            return 0;
        }
        long removed = 0;
        Path dir = Path.of(answers.answersPath());
        if (Files.isDirectory(dir)) {
            removed = spark.read().parquet(dir.toString()).where(col("user").equalTo(lit(userId))).count();
            if (removed > 0) {
                swap(dir, spark.read().parquet(dir.toString()).where(col("user").notEqual(lit(userId))), true);
            }
        }
        Path quarantine = Path.of(answers.quarantinePath());
        if (Files.isDirectory(quarantine)) {
            var ofUser = col("record").rlike("\"user\"\\s*:\\s*\"?" + userId + "([^0-9]|$)");
            long theirs = spark.read().parquet(quarantine.toString()).where(ofUser).count();
            if (theirs > 0) {
                swap(quarantine, spark.read().parquet(quarantine.toString()).where(not(coalesce(ofUser, lit(false)))),
                        false);
                removed += theirs;
            }
        }
        return removed;
    }

    /** Writes {@code kept} beside {@code dir}, then swaps it in: old to trash, new into place, trash deleted. */
    private void swap(Path dir, Dataset<Row> kept, boolean byDate) {
        Path work = lake.root().resolve("_forget");
        Path fresh = work.resolve("new").resolve(dir.getParent().getFileName() + "-" + dir.getFileName());
        Path trash = work.resolve("trash").resolve(fresh.getFileName());
        try {
            LakeLayout.deleteTree(fresh);
            var writer = LakeLayout.writer(kept);
            (byDate ? writer.partitionBy("date") : writer).parquet(fresh.toString());
            Files.createDirectories(trash.getParent());
            LakeLayout.deleteTree(trash);
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
            LakeLayout.deleteTree(trash);
        } catch (IOException e) {
            throw new UncheckedIOException("forget: cannot swap in the rewritten " + dir, e);
        }
    }

    /** A swap cut between its two moves left the old folder in trash and the new one ready: move the new one in. */
    private void finishInterruptedSwaps() {
        Path work = lake.root().resolve("_forget");
        Path trash = work.resolve("trash");
        if (!Files.isDirectory(trash)) {
            return;
        }
        try (Stream<Path> left = Files.list(trash)) {
            for (Path old : left.toList()) {
                String name = old.getFileName().toString();
                int dash = name.lastIndexOf("-run=");
                Path place = lake.root().resolve(name.substring(0, dash)).resolve(name.substring(dash + 1));
                Path fresh = work.resolve("new").resolve(name);
                if (!Files.exists(place)) {
                    Files.move(Files.exists(fresh.resolve("_SUCCESS")) ? fresh : old, place, StandardCopyOption.ATOMIC_MOVE);
                    LOG.warn("forget: finished an interrupted swap of {}", place);
                }
                LakeLayout.deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(long userId) {
        try {
            Path file = usersFile(lake);
            Files.createDirectories(file.getParent());
            Files.writeString(file, userId + " " + clock.instant() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path usersFile(LakeLayout lake) {
        return lake.root().resolve("_forget").resolve("users.txt");
    }
}
