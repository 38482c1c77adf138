package dev.marquee.devkit.sim;

import static dev.marquee.devkit.sim.Stats.all;
import static dev.marquee.devkit.sim.Stats.assertRatingsFollowTheTastes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.devkit.replay.Movie;
import dev.marquee.events.AccountEvent;
import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's small preset (the demo's platform), generated once and checked from several sides. */
class SyntheticPlatformTest {

    private static SyntheticPlatform platform;
    private static List<Event> events;

    @BeforeAll
    static void generate() {
        platform = SyntheticPlatform.generate(SynthConfig.defaults());
        events = new ArrayList<>();
        platform.lines().forEachRemaining(line ->
                events.add(assertInstanceOf(Parsed.class, EventParser.parse(line), line).event()));
    }

    @Test
    void sameSeedSameOutputOtherSeedOtherOutput() {
        SynthConfig small = new SynthConfig(200, 150, 4, 10, 7);
        List<String> a = platform(small);
        List<String> b = platform(small);
        List<String> c = platform(small.withSeed(8));
        assertFalse(a.isEmpty());
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(SyntheticPlatform.generate(small).catalogue(), SyntheticPlatform.generate(small).catalogue());
    }

    private static List<String> platform(SynthConfig c) {
        return all(SyntheticPlatform.generate(c).lines());
    }

    @Test
    void logIsTimeOrderedInWindowAndStartsEachUserWithAnAccount() {
        assertEquals(platform.eventCount(), events.size());
        LocalDateTime previous = LocalDateTime.MIN;
        Set<Long> seen = new HashSet<>();
        LocalDateTime end = SyntheticPlatform.START.plusDays(60);
        for (Event e : events) {
            assertFalse(e.time().isBefore(previous), "time order at " + e);
            assertFalse(e.time().isBefore(SyntheticPlatform.START) || e.time().isAfter(end), e.toString());
            previous = e.time();
            if (seen.add(e.userId())) {
                assertInstanceOf(AccountEvent.class, e, "first event of a user");
            } else {
                assertFalse(e instanceof AccountEvent, "one account per user");
            }
        }
        assertEquals(platform.config().users(), seen.size());
    }

    @Test
    void volumesAndScaleAreAsConfigured() {
        long rates = events.stream().filter(RateEvent.class::isInstance).count();
        long watches = events.stream().filter(WatchEvent.class::isInstance).count();
        double perUser = (double) rates / platform.config().users();
        assertTrue(perUser > 25 && perUser < 50, "ratings per user " + perUser);
        assertTrue(watches > 0.3 * rates && watches < 1.2 * rates, "watch volume " + watches + " vs " + rates);
        assertTrue(events.stream().filter(RateEvent.class::isInstance).map(RateEvent.class::cast)
                .allMatch(r -> platform.scale().contains(r.rating())));
        Set<String> slugs = new HashSet<>();
        for (Movie m : platform.catalogue().movies()) {
            assertTrue(slugs.add(m.slug()), "unique slug " + m.slug());
            assertFalse(m.genres().isEmpty());
        }
        assertEquals(platform.config().movies(), slugs.size());
    }

    @Test
    void popularityAndActivityAreHeavyTailed() {
        Map<String, Integer> perMovie = new HashMap<>();
        Map<Long, Integer> perUser = new HashMap<>();
        for (Event e : events) {
            if (e instanceof RateEvent r) {
                perMovie.merge(r.movieId(), 1, Integer::sum);
                perUser.merge(r.userId(), 1, Integer::sum);
            }
        }
        int[] counts = perMovie.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        long total = Arrays.stream(counts).sum();
        long top10 = Arrays.stream(counts, counts.length - counts.length / 10, counts.length).sum();
        assertTrue(top10 > 0.3 * total, "top 10% of movies take " + top10 + " of " + total);
        int maxUser = perUser.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(maxUser > 5 * platform.config().meanRatingsPerUser(), "most active user " + maxUser);
    }

    @Test
    void ratingsFollowTheTrueTastes() {
        assertRatingsFollowTheTastes(events, platform.truth());
    }

    @Test
    void iteratorsStartOver() {
        Iterator<String> a = platform.lines();
        a.next();
        assertEquals(platform.lines().next(), platform.logLines().findFirst().orElseThrow());
    }
}
