package dev.marquee.devkit.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marquee.events.AccountEvent;
import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real MovieTweetings 100k snapshot from the shared folder; skipped when it is absent. */
class MovieTweetingsTest {

    private static RatingsDataset ds;

    @BeforeAll
    static void read() throws IOException {
        // devkit's tests cannot use testkit (it depends on devkit): testkit's Datasets rule, written out.
        Path dir = Path.of(System.getProperty("marquee.shared.dir", "../shared"), "datasets", "movietweetings-100k");
        boolean present = Files.isRegularFile(dir.resolve("ratings.dat"));
        if (Boolean.getBoolean("marquee.datasets.required")) {
            assertTrue(present, "MovieTweetings is required here (marquee.datasets.required) but missing at " + dir);
        }
        assumeTrue(present, "no MovieTweetings at " + dir);
        ds = DatasetReader.read(dir);
    }

    @Test
    void readsAllRatingsAndMovies() {
        assertEquals("movietweetings", ds.format());
        assertEquals(new RatingScale(0, 10), ds.scale());
        assertEquals(100_000, ds.ratings().size());
        assertEquals(10_506, ds.catalogue().size());
        assertTrue(ds.ratings().stream().allMatch(r -> ds.scale().contains(r.rating())));
        assertTrue(ds.ratings().stream().anyMatch(r -> r.rating() == 0));
        assertTrue(ds.ratings().stream().anyMatch(r -> r.rating() == 10));
    }

    @Test
    void slugsAreUniqueAndKnownOnesAreThere() {
        Set<String> slugs = new HashSet<>();
        ds.catalogue().movies().forEach(m -> assertTrue(slugs.add(m.slug()), m.slug()));
        Movie matrix = ds.catalogue().bySlug("the+matrix+1999").orElseThrow();
        assertEquals("The Matrix (1999)", matrix.title());
        assertEquals(List.of("Action", "Adventure", "Sci-Fi"), matrix.genres());
        assertTrue(ds.catalogue().bySlug("fantomas+a+l+ombre+de+la+guillotine+1913").isPresent());
        assertTrue(ds.ratings().stream().allMatch(r -> ds.catalogue().bySlug(r.movieSlug()).isPresent()));
    }

    @Test
    void sortedByTime() {
        long previous = Long.MIN_VALUE;
        for (DatasetRating r : ds.ratings()) {
            assertTrue(r.epochSecond() >= previous);
            previous = r.epochSecond();
        }
        assertEquals(1362062307L, ds.ratings().get(0).epochSecond());
    }

    @Test
    void logHasOneAccountPerUserBeforeTheirRatings() {
        Set<Long> users = new HashSet<>();
        long lines = 0;
        for (Iterator<String> it = DatasetLog.lines(ds); it.hasNext(); lines++) {
            Event e = ((Parsed) EventParser.parse(it.next())).event();
            assertEquals(e instanceof AccountEvent, users.add(e.userId()), e.toString());
        }
        assertEquals(100_000 + users.size(), lines);
    }

    @Test
    void defaultWatchSessionsGiveAboutAMillionLinesInTimeOrder() {
        long lines = 0;
        long watches = 0;
        long ratings = 0;
        LocalDateTime previous = LocalDateTime.MIN;
        for (Iterator<String> it = DatasetLog.lines(ds, WatchSessions.defaults()); it.hasNext(); lines++) {
            Event e = ((Parsed) EventParser.parse(it.next())).event();
            assertTrue(!e.time().isBefore(previous), "time order at " + e);
            previous = e.time();
            watches += e instanceof WatchEvent ? 1 : 0;
            ratings += e instanceof RateEvent ? 1 : 0;
        }
        assertEquals(100_000, ratings);
        assertTrue(lines > 700_000 && lines < 1_500_000, "lines " + lines);
        assertTrue(watches > 0.8 * lines, "watch lines " + watches + " of " + lines);
    }
}
