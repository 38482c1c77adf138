package dev.marquee.devkit.sim;

import dev.marquee.devkit.replay.Catalogue;
import dev.marquee.devkit.replay.RatingScale;
import dev.marquee.events.Event;
import dev.marquee.events.EventFormatter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's small preset, for the demo and tests: a platform with learnable tastes, generated at once in
 * memory from a {@link SynthConfig} ({@link SynthConfig#defaults()} is the demo's). It draws from the same
 * {@link World} (rating model, catalogue, titles) as the {@link Simulator}, but its log has another shape: each
 * user gets an account event, then picks a heavy-tailed number of distinct movies by popularity times
 * exp(taste affinity) ({@link UserSampler}) and rates each on 1..5, a few watch minutes before some ratings;
 * about 60 days from 2025-01-01, in time order, no garbage. {@link #truth()} is the ground truth. Same config,
 * same output.
 */
public final class SyntheticPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticPlatform.class);

    /** When the generated log begins. */
    public static final LocalDateTime START = LocalDateTime.of(2025, 1, 1, 0, 0);
    /** How long it spans. */
    public static final long SPAN_MS = 60L * 24 * 3600 * 1000;
    private static final long START_EPOCH_SECOND = START.toEpochSecond(ZoneOffset.UTC);
    private static final RatingScale SCALE = new RatingScale(1, 5);
    private static final double WATCH_SHARE = 0.3;
    private static final int MAX_WATCH_MINUTES = 5;
    /** Ratings per user: Pareto with this exponent and the configured mean. */
    private static final double RATINGS_ALPHA = 2.0;

    private final SynthConfig config;
    private final World world;
    private final EventBuffer events;
    private final int count;

    private SyntheticPlatform(SynthConfig config) {
        this.config = config;
        this.world = World.forPlatform(config);
        this.events = new EventBuffer();
        UserSampler sampler = new UserSampler(config.movies());
        for (int u = 0; u < config.users(); u++) {
            user(u, new Random(mix(config.seed(), u)), sampler);
        }
        this.count = events.sortAndSplit(0, Long.MAX_VALUE);
    }

    /** Generates the platform for {@code config}. */
    public static SyntheticPlatform generate(SynthConfig config) {
        long t0 = System.nanoTime();
        SyntheticPlatform p = new SyntheticPlatform(config);
        LOG.info("Synthetic platform: {} users, {} movies, {} events, generated in {} ms", config.users(),
                config.movies(), p.eventCount(), (System.nanoTime() - t0) / 1_000_000);
        return p;
    }

    /** Generates the demo's platform, {@link SynthConfig#defaults()}. */
    public static SyntheticPlatform generate() {
        return generate(SynthConfig.defaults());
    }

    public SynthConfig config() {
        return config;
    }

    public Catalogue catalogue() {
        return world.catalogue();
    }

    /** Ratings are on 1..5. */
    public RatingScale scale() {
        return SCALE;
    }

    /** What the ratings were drawn from. */
    public World truth() {
        return world;
    }

    /** Number of events (and log lines). */
    public long eventCount() {
        return count;
    }

    /** The events in time order; each call starts over. */
    public Iterator<Event> events() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Event next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                return events.event(events.ordered(next++), START_EPOCH_SECOND, world);
            }
        };
    }

    /** The log lines in time order; each call starts over. */
    public Iterator<String> lines() {
        Iterator<Event> events = events();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public String next() {
                return EventFormatter.format(events.next());
            }
        };
    }

    /** The log lines in time order, as a sequential stream. */
    public Stream<String> logLines() {
        return StreamSupport.stream(Spliterators.spliterator(lines(), count,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** User {@code u}: taste, account, the movies they pick and rate, watch minutes before some ratings. */
    private void user(int u, Random rnd, UserSampler sampler) {
        world.drawUserTaste(u, rnd);
        int wanted = activity(rnd);
        int[] chosen = sampler.choose(rnd, wanted, world.popularityCdf(), m -> World.TASTE_WEIGHT * world.dot(u, m));
        long join = (long) (SPAN_MS * 0.8 * Math.pow(rnd.nextDouble(), 2));
        world.joined(u, (int) (join / 1000));
        events.add(join, u, EventBuffer.ACCOUNT, -1, 0);
        long earliest = join + 10 * Sessions.MINUTE_MS;
        long[] times = new long[chosen.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = earliest + (long) (rnd.nextDouble() * (SPAN_MS - earliest));
        }
        Arrays.sort(times);
        for (int i = 0; i < chosen.length; i++) {
            int m = chosen[i];
            if (rnd.nextDouble() < WATCH_SHARE) {
                int minutes = 1 + rnd.nextInt(MAX_WATCH_MINUTES);
                int firstMinute = rnd.nextInt(90);
                for (int k = 0; k < minutes; k++) {
                    long t = times[i] - (minutes - k) * Sessions.MINUTE_MS - rnd.nextInt(1000);
                    events.add(t, u, EventBuffer.WATCH, m, firstMinute + k);
                }
            }
            int rating = World.rating(world.expected(u, m) + rnd.nextGaussian() * World.NOISE_SD);
            events.add(times[i], u, EventBuffer.RATE, m, rating);
        }
    }

    /** Heavy-tailed (Pareto) number of ratings with about the configured mean; at least 1. */
    private int activity(Random rnd) {
        double xMin = config.meanRatingsPerUser() * (RATINGS_ALPHA - 1) / RATINGS_ALPHA;
        double x = xMin / Math.pow(1 - rnd.nextDouble(), 1 / RATINGS_ALPHA);
        int cap = Math.max(1, Math.min(config.movies() / 2, (int) (config.meanRatingsPerUser() * 25)));
        return (int) Math.max(1, Math.min(cap, Math.round(x)));
    }

    private static long mix(long seed, int u) {
        long z = seed + 0x9E3779B97F4A7C15L * (u + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
