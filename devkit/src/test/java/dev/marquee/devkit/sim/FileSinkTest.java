package dev.marquee.devkit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.devkit.replay.Movie;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

    private static final SimConfig SMALL = new SimConfig(1_000, 200, 12_345, 3, LocalDate.of(2025, 1, 1), 8, 0.02,
            0.2, 11L);

    @TempDir
    Path dir;

    @Test
    void writesEveryLineSplitIntoFilesOfNLines() throws IOException {
        List<String> expected = Stats.all(Simulator.create(SMALL).log());
        FileSink.Written w = FileSink.write(Simulator.create(SMALL).log(), dir.resolve("plain"), 5_000, false);
        assertEquals(expected.size(), w.lines());
        assertEquals((expected.size() + 4_999) / 5_000, w.files().size());
        assertEquals(5_000, Files.readAllLines(w.files().get(0)).size());
        List<String> read = new ArrayList<>();
        long bytes = 0;
        for (Path f : w.files()) {
            read.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            bytes += Files.size(f);
        }
        assertEquals(expected, read);
        assertEquals(bytes, w.bytes());
    }

    @Test
    void gzipFilesHoldTheSameLinesInFewerBytes() throws IOException {
        FileSink.Written plain = FileSink.write(Simulator.create(SMALL).log(), dir.resolve("plain"), 4_000, false);
        FileSink.Written gz = FileSink.write(Simulator.create(SMALL).log(), dir.resolve("gz"), 4_000, true);
        assertTrue(gz.files().get(0).toString().endsWith(".txt.gz"));
        assertEquals(plain.lines(), gz.lines());
        assertTrue(gz.bytes() < plain.bytes() / 3, gz.bytes() + " vs " + plain.bytes());
        for (int i = 0; i < plain.files().size(); i++) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(gz.files().get(i))), StandardCharsets.UTF_8))) {
                assertEquals(Files.readAllLines(plain.files().get(i)), r.lines().toList());
            }
        }
    }

    @Test
    void simulationWritesTheCatalogueBesideTheLog() throws IOException {
        Simulation.Report r = Simulation.toFiles(SMALL, dir, 10_000, false);
        List<String> csv = Files.readAllLines(dir.resolve(Simulation.CATALOGUE_FILE));
        assertEquals(CatalogueCsv.HEADER, csv.get(0));
        assertEquals(SMALL.movies() + 1, csv.size());
        Movie first = Simulator.create(SMALL).catalogue().movies().get(0);
        assertEquals(first.slug() + "," + first.title() + "," + first.year() + "," + String.join("|", first.genres()),
                csv.get(1));
        assertTrue(r.totals().lines() > 0.95 * SMALL.events(), r.describe());
        assertTrue(r.describe().contains("garbage"), r.describe());
    }

    @Test
    void csvQuotesTitlesWithCommasOrQuotes() {
        assertEquals("a+b+1999,\"A, \"\"B\"\" (1999)\",1999,Drama|Comedy",
                CatalogueCsv.row(new Movie("a+b+1999", "A, \"B\" (1999)", 1999, List.of("Drama", "Comedy"))));
        assertEquals("x,X,,", CatalogueCsv.row(new Movie("x", "X", null, List.of())));
    }
}
