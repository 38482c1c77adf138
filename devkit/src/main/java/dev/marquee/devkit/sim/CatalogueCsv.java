package dev.marquee.devkit.sim;

import dev.marquee.devkit.replay.Catalogue;
import dev.marquee.devkit.replay.Movie;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a catalogue as CSV: a header {@code slug,title,year,genres}, genres joined by '|', RFC 4180 quoting. */
public final class CatalogueCsv {

    /** The header line. */
    public static final String HEADER = "slug,title,year,genres";

    private CatalogueCsv() {
    }

    /** Writes {@code catalogue} to {@code file}, replacing it. */
    public static void write(Catalogue catalogue, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (Movie m : catalogue.movies()) {
                w.write(row(m));
                w.write('\n');
            }
        }
    }

    /** One movie's row, without a line end. */
    static String row(Movie m) {
        return m.slug() + "," + quote(m.title()) + "," + (m.year() == null ? "" : m.year()) + ","
                + quote(String.join("|", m.genres()));
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
