package dev.marquee.devkit.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The movie files of each format, fed to a {@link DatasetBuilder} in file order. */
final class MovieFiles {

    /** MovieLens 100k genre flag order in {@code u.item}. */
    static final List<String> ML100K_GENRES = List.of("unknown", "Action", "Adventure", "Animation",
            "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
            "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private MovieFiles() {
    }

    /** {@code movie::Title (Year)::Genre|Genre} (MovieTweetings, MovieLens 1M). */
    static void readDat(Path file, DatasetBuilder b) throws IOException {
        List<String> f = new ArrayList<>(3);
        for (String line : TextFiles.read(file).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            DatasetReader.split(line, "::", f);
            if (f.size() < 2 || f.get(0).isBlank()) {
                b.skip(file.getFileName() + ": " + line);
                continue;
            }
            b.movie(f.get(0).strip(), f.get(1).strip(), genres(f.size() > 2 ? f.get(2) : "", "\\|"));
        }
    }

    /** {@code movie|Title (Year)|release date|video date|IMDb URL|19 genre flags} (MovieLens 100k). */
    static void readItem(Path file, DatasetBuilder b) throws IOException {
        List<String> f = new ArrayList<>(24);
        for (String line : TextFiles.read(file).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            DatasetReader.split(line, "|", f);
            if (f.size() < 2 || f.get(0).isBlank()) {
                b.skip(file.getFileName() + ": " + line);
                continue;
            }
            List<String> genres = new ArrayList<>();
            int flags = f.size() - ML100K_GENRES.size();
            for (int i = 0; flags >= 2 && i < ML100K_GENRES.size(); i++) {
                if ("1".equals(f.get(flags + i).strip())) {
                    genres.add(ML100K_GENRES.get(i));
                }
            }
            b.movie(f.get(0).strip(), f.get(1).strip(), genres);
        }
    }

    /** {@code movieId,title,genres} with a header and RFC-4180 quoting (MovieLens csv). */
    static void readCsv(Path file, DatasetBuilder b) throws IOException {
        List<List<String>> rows = Csv.parse(TextFiles.read(file));
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() < 2 || r.get(0).isBlank()) {
                b.skip(file.getFileName() + ": " + String.join(",", r));
                continue;
            }
            b.movie(r.get(0).strip(), r.get(1).strip(), genres(r.size() > 2 ? r.get(2) : "", "\\|"));
        }
    }

    private static List<String> genres(String field, String sepRegex) {
        String t = field.strip();
        if (t.isEmpty() || "(no genres listed)".equals(t)) {
            return List.of();
        }
        return Arrays.stream(t.split(sepRegex)).map(String::strip).filter(g -> !g.isEmpty()).toList();
    }
}
