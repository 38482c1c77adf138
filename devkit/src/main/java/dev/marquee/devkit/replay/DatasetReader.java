package dev.marquee.devkit.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a ratings data set from a folder, detecting its format by the files present: {@code ratings.dat} +
 * {@code movies.dat} (MovieTweetings or MovieLens 1M), {@code u.data} + {@code u.item} (MovieLens 100k), or
 * {@code ratings.csv} + {@code movies.csv} (MovieLens). Malformed lines are skipped, counted and logged.
 */
public final class DatasetReader {

    private DatasetReader() {
    }

    /**
     * Reads the data set in {@code dir}.
     *
     * @throws IllegalArgumentException when {@code dir} holds none of the known formats
     * @throws IOException when reading fails, or {@code dir} is not a folder
     */
    public static RatingsDataset read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a folder");
        }
        DatasetFormat format = detect(dir);
        DatasetBuilder b = new DatasetBuilder(format);
        switch (format) {
            case MOVIETWEETINGS, MOVIELENS_1M -> {
                MovieFiles.readDat(dir.resolve("movies.dat"), b);
                readRatings(dir.resolve("ratings.dat"), "::", 4, false, b);
            }
            case MOVIELENS_100K -> {
                MovieFiles.readItem(dir.resolve("u.item"), b);
                readRatings(dir.resolve("u.data"), "\t", 4, false, b);
            }
            case MOVIELENS_CSV -> {
                MovieFiles.readCsv(dir.resolve("movies.csv"), b);
                readRatings(dir.resolve("ratings.csv"), ",", 4, true, b);
            }
            default -> throw new IllegalStateException("unhandled format " + format);
        }
        return b.build();
    }

    /** Which format {@code dir} holds. */
    public static DatasetFormat detect(Path dir) throws IOException {
        if (both(dir, "ratings.dat", "movies.dat")) {
            return isMovieTweetings(dir) ? DatasetFormat.MOVIETWEETINGS : DatasetFormat.MOVIELENS_1M;
        }
        if (both(dir, "u.data", "u.item")) {
            return DatasetFormat.MOVIELENS_100K;
        }
        if (both(dir, "ratings.csv", "movies.csv")) {
            return DatasetFormat.MOVIELENS_CSV;
        }
        String present;
        try (Stream<Path> files = Files.list(dir)) {
            present = Arrays.toString(files.map(p -> p.getFileName().toString()).sorted().toArray());
        }
        throw new IllegalArgumentException("no known ratings data set in " + dir + " (it holds " + present
                + "); expected ratings.dat + movies.dat (MovieTweetings, MovieLens 1M), u.data + u.item"
                + " (MovieLens 100k) or ratings.csv + movies.csv (MovieLens)");
    }

    private static boolean both(Path dir, String a, String b) {
        return Files.isRegularFile(dir.resolve(a)) && Files.isRegularFile(dir.resolve(b));
    }

    /** MovieTweetings: users.dat of {@code user::twitter_id}; without users.dat, ratings above 5 or of 0. */
    private static boolean isMovieTweetings(Path dir) throws IOException {
        Path users = dir.resolve("users.dat");
        if (Files.isRegularFile(users)) {
            try (BufferedReader r = Files.newBufferedReader(users, StandardCharsets.ISO_8859_1)) {
                String first = r.readLine();
                if (first != null && !first.isBlank()) {
                    return first.strip().split("::", -1).length == 2;
                }
            }
        }
        try (Stream<String> lines = Files.lines(dir.resolve("ratings.dat"), StandardCharsets.ISO_8859_1)) {
            return lines.map(l -> l.split("::", -1)).filter(f -> f.length >= 3)
                    .mapToLong(f -> parseLong(f[2])).anyMatch(r -> r == 0 || r > 5);
        }
    }

    /** Ratings lines {@code user SEP movie SEP rating SEP epochSeconds}; ASCII, so ISO-8859-1 reads them safely. */
    private static void readRatings(Path file, String sep, int fields, boolean header, DatasetBuilder b)
            throws IOException {
        boolean halfStars = ",".equals(sep);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            boolean first = true;
            List<String> f = new ArrayList<>(fields);
            while ((line = r.readLine()) != null) {
                if (first && header) {
                    first = false;
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                split(line, sep, f);
                if (f.size() != fields || !rating(f, halfStars, b)) {
                    b.skip(file.getFileName() + ": " + line);
                }
            }
        }
    }

    private static boolean rating(List<String> f, boolean halfStars, DatasetBuilder b) {
        long user = parseLong(f.get(0));
        long time = parseLong(f.get(3));
        String movie = f.get(1).strip();
        Integer rating = halfStars ? doubledHalfStars(f.get(2)) : parseInt(f.get(2));
        if (user < 0 || time < 0 || movie.isEmpty() || rating == null) {
            return false;
        }
        b.rating(user, movie, rating, time);
        return true;
    }

    static void split(String line, String sep, List<String> out) {
        out.clear();
        int from = 0;
        int at;
        while ((at = line.indexOf(sep, from)) >= 0) {
            out.add(line.substring(from, at));
            from = at + sep.length();
        }
        out.add(line.substring(from));
    }

    private static long parseLong(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Integer parseInt(String s) {
        long v = parseLong(s);
        return v < 0 || v > Integer.MAX_VALUE ? null : (int) v;
    }

    /** "3.5" -> 7: half stars carried as whole numbers on a doubled scale. */
    static Integer doubledHalfStars(String s) {
        try {
            double d = Double.parseDouble(s.strip());
            return Double.isFinite(d) && d >= 0 && d <= 1000 ? (int) Math.round(2 * d) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
