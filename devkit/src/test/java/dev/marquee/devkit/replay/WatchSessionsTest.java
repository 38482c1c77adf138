package dev.marquee.devkit.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.events.AccountEvent;
import dev.marquee.events.Event;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Viewing sessions added to a data set's log: shape, order, reproducibility and volume. */
class WatchSessionsTest {

    private static final WatchSessions HALF = new WatchSessions(0.5, 120, 9L);

    /** 300 users, 40 movies, 6000 ratings on 0..10 over 30 days, with bursts of ratings seconds apart. */
    static RatingsDataset dataset(long seed) {
        Random rnd = new Random(seed);
        List<Movie> movies = new ArrayList<>();
        for (int m = 0; m < 40; m++) {
            movies.add(new Movie("movie+" + m, "Movie " + m, null, List.of()));
        }
        List<DatasetRating> ratings = new ArrayList<>();
        long t = 1_600_000_000L;
        for (int i = 0; i < 6000; i++) {
            t += rnd.nextInt(10) < 2 ? rnd.nextInt(5) : rnd.nextInt(900);
            ratings.add(new DatasetRating(rnd.nextInt(300), "movie+" + rnd.nextInt(40), rnd.nextInt(11), t));
        }
        ratings.sort(Comparator.comparingLong(DatasetRating::epochSecond));
        return new RatingsDataset("test", new Catalogue(movies), ratings, new RatingScale(0, 10));
    }

    private static List<Event> events(RatingsDataset ds, WatchSessions s) {
        List<Event> out = new ArrayList<>();
        DatasetLog.events(ds, s).forEachRemaining(out::add);
        return out;
    }

    @Test
    void withoutSessionsTheLogIsAccountsAndRatingsAsBefore() {
        RatingsDataset ds = dataset(1);
        List<Event> plain = events(ds, WatchSessions.NONE);
        assertEquals(ds.ratings().size() + ds.ratings().stream().map(DatasetRating::userId).distinct().count(),
                plain.size());
        assertEquals(DatasetLog.stream(ds).collect(Collectors.toList()),
                DatasetLog.stream(ds, WatchSessions.NONE).collect(Collectors.toList()));
        assertTrue(plain.stream().noneMatch(WatchEvent.class::isInstance));
    }

    @Test
    void sessionsAreConsecutiveMinutesFromZeroEndingBeforeTheirRating() {
        List<Event> log = events(dataset(1), HALF);
        Map<Long, WatchEvent> lastWatch = new HashMap<>();
        int sessions = 0;
        int rated = 0;
        for (Event e : log) {
            if (e instanceof WatchEvent w) {
                WatchEvent before = lastWatch.put(w.userId(), w);
                if (w.minute() == 0) {
                    sessions++;
                    assertTrue(before == null || before.minute() >= 0, w.toString());
                } else {
                    assertTrue(before != null && before.movieId().equals(w.movieId())
                            && before.minute() == w.minute() - 1, "minute after " + before + ": " + w);
                    assertEquals(before.time().plusMinutes(1), w.time(), "one minute apart: " + w);
                }
                assertTrue(w.minute() < HALF.maxMinutes(), w.toString());
            } else if (e instanceof RateEvent r) {
                WatchEvent before = lastWatch.remove(r.userId());
                if (before != null) {
                    rated++;
                    assertEquals(r.movieId(), before.movieId(), "the session is of the rated movie: " + r);
                    assertTrue(before.time().isBefore(r.time().minusSeconds(59))
                            && !before.time().isBefore(r.time().minusMinutes(10)), "ends shortly before: " + r);
                }
            }
        }
        assertEquals(sessions, rated, "every session ends in its rating");
        assertTrue(sessions > 0.35 * 6000 && sessions < 0.55 * 6000, "sessions " + sessions);
    }

    @Test
    void timeOrderOverallAndEachUserStartsWithTheAccount() {
        List<Event> log = events(dataset(2), HALF);
        LocalDateTime previous = LocalDateTime.MIN;
        Set<Long> seen = new HashSet<>();
        for (Event e : log) {
            assertFalse(e.time().isBefore(previous), "time order at " + e);
            previous = e.time();
            if (seen.add(e.userId())) {
                assertInstanceOf(AccountEvent.class, e, "first event of a user");
            } else {
                assertFalse(e instanceof AccountEvent, "one account per user");
            }
        }
    }

    @Test
    void highRatingsWereWatchedLongerThanLowOnes() {
        List<Event> log = events(dataset(3), new WatchSessions(1.0, 120, 5L));
        Map<Long, Integer> minutes = new HashMap<>();
        double[] sum = new double[2];
        int[] count = new int[2];
        for (Event e : log) {
            if (e instanceof WatchEvent w) {
                minutes.merge(w.userId(), 1, Integer::sum);
            } else if (e instanceof RateEvent r && minutes.containsKey(r.userId())) {
                int m = minutes.remove(r.userId());
                if (r.rating() != 5) {
                    int high = r.rating() > 5 ? 1 : 0;
                    sum[high] += m;
                    count[high]++;
                }
            }
        }
        double low = sum[0] / count[0];
        double high = sum[1] / count[1];
        assertTrue(high > 1.5 * low, "mean minutes: high ratings " + high + ", low ratings " + low);
    }

    @Test
    void sameOptionsSameLogOtherSeedOtherLog() {
        RatingsDataset ds = dataset(4);
        List<String> a = DatasetLog.stream(ds, HALF).collect(Collectors.toList());
        assertEquals(a, DatasetLog.stream(ds, HALF).collect(Collectors.toList()));
        assertNotEquals(a, DatasetLog.stream(ds, new WatchSessions(0.5, 120, 10L)).collect(Collectors.toList()));
        assertTrue(a.size() > 3 * ds.ratings().size(), "lines " + a.size());
    }
}
