package dev.marquee.devkit.sim;

import static dev.marquee.devkit.sim.Stats.all;
import static dev.marquee.devkit.sim.Stats.assertRatingsFollowTheTastes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.events.AccountEvent;
import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.ParseResult;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.events.RecommendationEvent;
import dev.marquee.events.RejectReason;
import dev.marquee.events.Rejected;
import dev.marquee.events.WatchEvent;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** About 200k lines of a 20k-user platform with 5% garbage, generated once and checked from several sides. */
class SimulatorTest {

    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(\\+[a-z0-9]+)*");
    private static final SimConfig CONFIG = new SimConfig(20_000, 2_000, 200_000, 14, LocalDate.of(2025, 1, 1),
            16, 0.05, 0.2, 7L);

    private static Simulator sim;
    private static List<String> lines;
    private static List<GarbageKind> kinds;
    private static SimTotals totals;

    @BeforeAll
    static void generate() {
        sim = Simulator.create(CONFIG);
        lines = new ArrayList<>();
        kinds = new ArrayList<>();
        SimLog log = sim.log();
        while (log.hasNext()) {
            lines.add(log.next());
            kinds.add(log.lastGarbageKind());
        }
        totals = log.totals();
    }

    @Test
    void sameSeedSameOutputOtherSeedOtherOutput() {
        SimConfig small = new SimConfig(2_000, 300, 20_000, 5, LocalDate.of(2025, 1, 1), 8, 0.02, 0.3, 3L);
        List<String> a = all(Simulator.create(small).log());
        List<String> b = all(Simulator.create(small).log());
        assertTrue(a.size() > 15_000, "lines " + a.size());
        assertEquals(a, b);
        assertNotEquals(a, all(Simulator.create(small.withSeed(4)).log()));
        Simulator one = Simulator.create(small);
        assertEquals(all(one.log()), all(one.log()), "each log() starts over");
        assertEquals(Simulator.create(small).catalogue(), one.catalogue());
    }

    @Test
    void volumeIsNearTheTargetAndTotalsCountEveryLine() {
        assertTrue(Math.abs(lines.size() - CONFIG.events()) < 0.02 * CONFIG.events(), "lines " + lines.size());
        assertEquals(lines.size(), totals.lines());
        long garbage = kinds.stream().filter(k -> k != null).count();
        assertEquals(garbage, totals.garbage());
        Map<Class<?>, Long> byType = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (kinds.get(i) == null) {
                byType.merge(parse(lines.get(i)).getClass(), 1L, Long::sum);
            }
        }
        assertEquals(totals.accounts(), byType.get(AccountEvent.class));
        assertEquals(totals.watches(), byType.get(WatchEvent.class));
        assertEquals(totals.ratings(), byType.get(RateEvent.class));
        assertEquals(totals.recommendations(), byType.get(RecommendationEvent.class));
        assertTrue(totals.failedRecommendations() > 0 && totals.failedRecommendations()
                < 0.2 * totals.recommendations(), totals.toString());
        assertTrue(totals.ratings() > 0.003 * lines.size(), totals.toString());
    }

    @Test
    void garbageShareIsWithinOnePointAndEachKindNearItsShare() {
        double share = (double) totals.garbage() / totals.lines();
        assertTrue(Math.abs(share - CONFIG.garbageShare()) < 0.01, "garbage share " + share);
        Map<GarbageKind, Long> counted = new EnumMap<>(GarbageKind.class);
        kinds.stream().filter(k -> k != null).forEach(k -> counted.merge(k, 1L, Long::sum));
        assertEquals(counted, new EnumMap<>(totals.garbageByKind()));
        assertEquals(1.0, Arrays.stream(GarbageKind.values()).mapToDouble(GarbageKind::share).sum(), 1e-9);
        for (GarbageKind k : GarbageKind.values()) {
            double got = (double) counted.getOrDefault(k, 0L) / totals.garbage();
            assertTrue(Math.abs(got - k.share()) < 0.03, k + " is " + got + " of the garbage");
        }
    }

    @Test
    void everyGarbageLineIsCaughtByTheParserOrByItsRule() {
        LocalDateTime end = CONFIG.start().plusDays(CONFIG.days() + 1L).atStartOfDay();
        Set<RejectReason> parserKinds = Set.of(RejectReason.TOO_FEW_FIELDS, RejectReason.BAD_TIME,
                RejectReason.BAD_USER, RejectReason.BAD_MOVIE, RejectReason.BAD_RATING, RejectReason.BAD_MINUTE,
                RejectReason.UNKNOWN_KIND, RejectReason.EMPTY, RejectReason.BAD_RECOMMENDATION);
        for (int i = 0; i < lines.size(); i++) {
            GarbageKind k = kinds.get(i);
            if (k == null) {
                continue;
            }
            String line = lines.get(i);
            ParseResult r = EventParser.parse(line);
            String what = k + ": " + line;
            switch (k) {
                case MALFORMED -> assertTrue(r instanceof Rejected x && parserKinds.contains(x.reason()), what);
                case UNKNOWN_KIND -> assertEquals(RejectReason.UNKNOWN_KIND, assertInstanceOf(Rejected.class, r,
                        what).reason(), what);
                case BAD_USER -> assertEquals(RejectReason.BAD_USER, assertInstanceOf(Rejected.class, r, what)
                        .reason(), what);
                case OFF_SCALE_RATING -> {
                    RateEvent e = assertInstanceOf(RateEvent.class, assertInstanceOf(Parsed.class, r, what).event());
                    assertFalse(sim.scale().contains(e.rating()), what);
                    assertTrue(SLUG.matcher(e.movieId()).matches(), what);
                }
                case BAD_TIME -> assertTrue(r instanceof Rejected x ? x.reason() == RejectReason.BAD_TIME
                        : ((Parsed) r).event().time().isAfter(end.plusYears(50)), what);
                case BAD_MOVIE -> assertTrue(r instanceof Rejected x ? x.reason() == RejectReason.BAD_MOVIE
                        : !SLUG.matcher(movie(((Parsed) r).event())).matches(), what);
                case DUPLICATE -> {
                    int real = i - 1;
                    while (kinds.get(real) != null) {
                        real--;
                    }
                    assertEquals(lines.get(real), line, what + " copies the last real line");
                }
                default -> throw new AssertionError(what);
            }
        }
    }

    @Test
    void realLinesParseAreSlugsAndTheLogIsInTimeOrder() {
        LocalDateTime previous = LocalDateTime.MIN;
        LocalDateTime start = CONFIG.start().atStartOfDay();
        for (int i = 0; i < lines.size(); i++) {
            GarbageKind k = kinds.get(i);
            ParseResult r = EventParser.parse(lines.get(i));
            if (k == null) {
                Event e = assertInstanceOf(Parsed.class, r, lines.get(i)).event();
                String movie = movie(e);
                assertTrue(movie == null || sim.catalogue().bySlug(movie).isPresent(), lines.get(i));
                assertTrue(e.userId() >= 1 && e.userId() <= CONFIG.users(), lines.get(i));
                assertFalse(e.time().isBefore(start), lines.get(i));
            }
            if (r instanceof Parsed p && k != GarbageKind.BAD_TIME) {
                assertFalse(p.event().time().isBefore(previous), "time order at line " + i + ": " + lines.get(i));
                previous = p.event().time();
            }
        }
    }

    @Test
    void newAccountsAppearOnceBeforeTheirUsersOtherEvents() {
        Set<Long> accounts = new HashSet<>();
        Set<Long> active = new HashSet<>();
        for (Event e : realEvents()) {
            if (e instanceof AccountEvent) {
                assertTrue(accounts.add(e.userId()), "one account line per user: " + e);
                assertTrue(sim.world().joinSecond(e.userId()) >= 0, "only new users get one: " + e);
                assertFalse(active.contains(e.userId()), "account before any other event: " + e);
            } else {
                active.add(e.userId());
                if (sim.world().joinSecond(e.userId()) >= 0) {
                    assertTrue(accounts.contains(e.userId()), "new user acts after its account: " + e);
                }
            }
        }
        double share = (double) accounts.size() / CONFIG.users();
        assertTrue(share > 0.15 && share < 0.25, "new accounts " + share);
    }

    @Test
    void sessionsWatchConsecutiveMinutesFromZeroAndRateAfterwards() {
        Map<Long, WatchEvent> lastWatch = new HashMap<>();
        int sessions = 0;
        int rated = 0;
        for (Event e : realEvents()) {
            if (e instanceof WatchEvent w) {
                WatchEvent before = lastWatch.put(w.userId(), w);
                if (w.minute() == 0) {
                    sessions++;
                } else {
                    assertTrue(before != null && before.movieId().equals(w.movieId())
                            && before.minute() == w.minute() - 1, "minute after " + before + ": " + w);
                    assertTrue(before.time().plusSeconds(58).isBefore(w.time()), "a minute later: " + w);
                }
            } else if (e instanceof RateEvent r) {
                WatchEvent before = lastWatch.get(r.userId());
                assertTrue(before != null && before.movieId().equals(r.movieId()), "rated what was watched: " + r);
                rated++;
            }
        }
        assertTrue(sessions > 1000, "sessions " + sessions);
        assertTrue(rated > 0.15 * sessions && rated < 0.6 * sessions, rated + " ratings of " + sessions);
    }

    @Test
    void popularityAndActivityAreHeavyTailed() {
        Map<String, Integer> perMovie = new HashMap<>();
        Map<Long, Integer> perUser = new HashMap<>();
        for (Event e : realEvents()) {
            if (e instanceof WatchEvent w && w.minute() == 0) {
                perMovie.merge(w.movieId(), 1, Integer::sum);
                perUser.merge(w.userId(), 1, Integer::sum);
            }
        }
        int[] movies = perMovie.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        long total = Arrays.stream(movies).sum();
        long top = Arrays.stream(movies, movies.length - CONFIG.movies() / 100, movies.length).sum();
        assertTrue(top > 0.25 * total, "top 1% of movies have " + top + " of " + total + " sessions");
        double mean = (double) total / perUser.size();
        int max = perUser.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(max > 8 * mean, "most active user " + max + " sessions, mean " + mean);
    }

    @Test
    void ratingsFollowTheTrueTastes() {
        assertRatingsFollowTheTastes(realEvents(), sim.world());
    }

    @Test
    void denseAndAllNewPlatformsStillCompleteInTimeOrder() {
        SimConfig dense = new SimConfig(30, 100, 150_000, 2, LocalDate.of(2025, 1, 1), 4, 0, 0, 1L);
        SimConfig allNew = new SimConfig(500, 100, 20_000, 3, LocalDate.of(2025, 1, 1), 4, 0, 1.0, 1L);
        for (SimConfig c : List.of(dense, allNew)) {
            List<String> log = all(Simulator.create(c).log());
            assertTrue(log.size() > 0.5 * c.events(), c + ": " + log.size());
            LocalDateTime previous = LocalDateTime.MIN;
            for (String line : log) {
                Event e = parse(line);
                assertFalse(e.time().isBefore(previous), line);
                previous = e.time();
            }
        }
    }

    @Test
    void configRejectsNonsense() {
        SimConfig ok = SimConfig.of(10, 20, 100);
        assertThrows(IllegalArgumentException.class, () -> ok.withGarbageShare(1.0));
        assertThrows(IllegalArgumentException.class, () -> ok.withGarbageShare(-0.1));
        assertThrows(IllegalArgumentException.class, () -> ok.withDays(0));
        assertThrows(IllegalArgumentException.class, () -> SimConfig.of(0, 20, 100));
        assertThrows(IllegalArgumentException.class, () -> SimConfig.of(10, 19, 100));
    }

    private static List<Event> realEvents() {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (kinds.get(i) == null) {
                out.add(parse(lines.get(i)));
            }
        }
        return out;
    }

    private static Event parse(String line) {
        return ((Parsed) EventParser.parse(line)).event();
    }

    private static String movie(Event e) {
        if (e instanceof RateEvent r) {
            return r.movieId();
        }
        return e instanceof WatchEvent w ? w.movieId() : null;
    }
}
