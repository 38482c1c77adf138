package dev.marquee.devkit.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each format on a tiny hand-made fixture written into a temporary folder. */
class DatasetReaderTest {

    @TempDir
    Path dir;

    @Test
    void movieLens100k() throws IOException {
        String flags = "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
        write("u.item", StandardCharsets.ISO_8859_1,
                "1|Toy Story (1995)|01-Jan-1995||http://x" + flags + "\n"
                + "2|Misérables, Les (1995)|01-Jan-1995||http://y|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n"
                + "3|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n");
        write("u.data", StandardCharsets.US_ASCII, "196\t1\t3\t881250949\n186\t2\t5\t881250000\n"
                + "22\t1\t1\t881250000\nbroken line\n7\t99\t4\t881251000\n");
        RatingsDataset ds = DatasetReader.read(dir);
        assertEquals("movielens-100k", ds.format());
        assertEquals(new RatingScale(1, 5), ds.scale());
        Movie toy = ds.catalogue().bySlug("toy+story+1995").orElseThrow();
        assertEquals(List.of("Animation", "Children's", "Comedy"), toy.genres());
        assertEquals(1995, toy.year());
        assertEquals(List.of("Drama"), ds.catalogue().bySlug("les+miserables+1995").orElseThrow().genres());
        assertNull(ds.catalogue().bySlug("unknown").orElseThrow().year());
        assertEquals(List.of(
                new DatasetRating(186, "les+miserables+1995", 5, 881250000),
                new DatasetRating(22, "toy+story+1995", 1, 881250000),
                new DatasetRating(196, "toy+story+1995", 3, 881250949),
                new DatasetRating(7, "movie+99", 4, 881251000)), ds.ratings());
        assertTrue(ds.catalogue().bySlug("movie+99").isPresent(), "placeholder for a movie missing from u.item");
        assertEquals(4, ds.catalogue().size());
    }

    @Test
    void movieLensCsvWithQuotedTitlesAndHalfStars() throws IOException {
        write("movies.csv", StandardCharsets.UTF_8, "movieId,title,genres\n"
                + "1,Toy Story (1995),Adventure|Animation|Children\n"
                + "11,\"American President, The (1995)\",Comedy|Drama|Romance\n"
                + "12,\"Dracula: \"\"Dead\"\" and Loving It (1995)\",Comedy|Horror\n"
                + "13,Untitled Thing,(no genres listed)\n");
        write("ratings.csv", StandardCharsets.UTF_8, "userId,movieId,rating,timestamp\n"
                + "1,11,3.5,964982703\n1,1,4.0,964981247\n2,12,0.5,964982000\n2,13,5.0,964982000\n");
        RatingsDataset ds = DatasetReader.read(dir);
        assertEquals("movielens-csv", ds.format());
        assertEquals(new RatingScale(1, 10), ds.scale());
        Movie president = ds.catalogue().bySlug("the+american+president+1995").orElseThrow();
        assertEquals("American President, The (1995)", president.title());
        assertEquals(List.of("Comedy", "Drama", "Romance"), president.genres());
        assertEquals("Dracula: \"Dead\" and Loving It (1995)",
                ds.catalogue().bySlug("dracula+dead+and+loving+it+1995").orElseThrow().title());
        assertEquals(List.of(), ds.catalogue().bySlug("untitled+thing").orElseThrow().genres());
        assertEquals(List.of(
                new DatasetRating(1, "toy+story+1995", 8, 964981247),
                new DatasetRating(2, "dracula+dead+and+loving+it+1995", 1, 964982000),
                new DatasetRating(2, "untitled+thing", 10, 964982000),
                new DatasetRating(1, "the+american+president+1995", 7, 964982703)), ds.ratings());
    }

    @Test
    void movieLens1mIsLatin1AndOneToFive() throws IOException {
        write("movies.dat", StandardCharsets.ISO_8859_1,
                "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Fantômas (1913)::Crime\n"
                + "3::Toy Story (1995)::Comedy\n");
        write("ratings.dat", StandardCharsets.US_ASCII, "1::1::5::978300760\n1::2::3::978302109\n2::3::4::978300000\n");
        write("users.dat", StandardCharsets.US_ASCII, "1::F::1::10::48067\n2::M::56::16::70072\n");
        RatingsDataset ds = DatasetReader.read(dir);
        assertEquals("movielens-1m", ds.format());
        assertEquals(new RatingScale(1, 5), ds.scale());
        assertEquals("Fantômas (1913)", ds.catalogue().bySlug("fantomas+1913").orElseThrow().title());
        assertEquals("toy+story+1995+2", ds.ratings().get(0).movieSlug(), "second movie with the same title");
    }

    @Test
    void movieTweetingsByUsersFileOrByRatingsAboveFive() throws IOException {
        write("movies.dat", StandardCharsets.UTF_8, "0133093::The Matrix (1999)::Action|Sci-Fi\n0000001::Ça (2000)::\n");
        write("ratings.dat", StandardCharsets.US_ASCII, "1::0133093::4::1362062307\n2::0000001::3::1362062300\n");
        write("users.dat", StandardCharsets.US_ASCII, "1::18405182\n2::31260677\n");
        RatingsDataset ds = DatasetReader.read(dir);
        assertEquals("movietweetings", ds.format());
        assertEquals(new RatingScale(0, 10), ds.scale());
        assertEquals(List.of(), ds.catalogue().bySlug("ca+2000").orElseThrow().genres());
        Files.delete(dir.resolve("users.dat"));
        assertEquals(DatasetFormat.MOVIELENS_1M, DatasetReader.detect(dir), "1..5 ratings and no users file");
        write("ratings.dat", StandardCharsets.US_ASCII, "1::0133093::9::1362062307\n");
        assertEquals(DatasetFormat.MOVIETWEETINGS, DatasetReader.detect(dir));
    }

    @Test
    void folderWithoutADatasetIsRefusedClearly() throws IOException {
        write("notes.txt", StandardCharsets.US_ASCII, "hello\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(dir));
        assertTrue(e.getMessage().contains("notes.txt") && e.getMessage().contains("u.data"), e.getMessage());
        assertThrows(IOException.class, () -> DatasetReader.read(dir.resolve("missing")));
    }

    @Test
    void csvQuoting() {
        assertEquals(List.of(List.of("a", "b,c", "d\"e"), List.of("x", "y\nz", "")),
                Csv.parse("a,\"b,c\",\"d\"\"e\"\r\nx,\"y\nz\",\n\n"));
    }

    private void write(String name, java.nio.charset.Charset cs, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, cs);
    }
}
