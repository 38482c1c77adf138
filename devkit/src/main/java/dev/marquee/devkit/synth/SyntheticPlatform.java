package dev.marquee.devkit.synth;

import dev.marquee.devkit.replay.Catalogue;
import dev.marquee.devkit.replay.Movie;
import dev.marquee.devkit.replay.RatingScale;
import dev.marquee.events.AccountEvent;
import dev.marquee.events.Event;
import dev.marquee.events.EventFormatter;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small platform with learnable tastes, generated once from a {@link SynthConfig}: a catalogue, users who
 * choose movies by popularity times exp(taste affinity) and rate them on 1..5, a few watch minutes before some
 * ratings, an account event before each user's first event; about 60 days from 2025-01-01, in time order.
 * Same config, same output.
 */
public final class SyntheticPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticPlatform.class);

    /** When the generated log begins. */
    public static final LocalDateTime START = LocalDateTime.of(2025, 1, 1, 0, 0);
    /** How long it spans. */
    public static final long SPAN_MS = 60L * 24 * 3600 * 1000;
    private static final RatingScale SCALE = new RatingScale(1, 5);

    private final SynthConfig config;
    private final Catalogue catalogue;
    private final GroundTruth truth;
    private final EventTable table;
    private final int[] order;

    SyntheticPlatform(SynthConfig config, Catalogue catalogue, GroundTruth truth, EventTable table) {
        this.config = config;
        this.catalogue = catalogue;
        this.truth = truth;
        this.table = table;
        this.order = table.timeOrder();
    }

    /** Generates the platform for {@code config}. */
    public static SyntheticPlatform generate(SynthConfig config) {
        long t0 = System.nanoTime();
        SyntheticPlatform p = new SynthGenerator(config).generate();
        LOG.info("Synthetic platform: {} users, {} movies, {} events, generated in {} ms", config.users(),
                config.movies(), p.eventCount(), (System.nanoTime() - t0) / 1_000_000);
        return p;
    }

    /** Generates the platform for {@link SynthConfig#defaults()}. */
    public static SyntheticPlatform generate() {
        return generate(SynthConfig.defaults());
    }

    public SynthConfig config() {
        return config;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    /** Ratings are on 1..5. */
    public RatingScale scale() {
        return SCALE;
    }

    /** What the ratings were drawn from. */
    public GroundTruth truth() {
        return truth;
    }

    /** Number of events (and log lines). */
    public long eventCount() {
        return order.length;
    }

    /** The events in time order; each call starts over. */
    public Iterator<Event> events() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Event next() {
                if (next >= order.length) {
                    throw new NoSuchElementException();
                }
                return event(order[next++]);
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
        return StreamSupport.stream(Spliterators.spliterator(lines(), order.length,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private Event event(int i) {
        LocalDateTime time = START.plusNanos(table.timeMs(i) * 1_000_000L);
        long userId = table.user(i) + 1L;
        return switch (table.kind(i)) {
            case EventTable.ACCOUNT -> new AccountEvent(time, userId);
            case EventTable.WATCH -> new WatchEvent(time, userId, slug(table.movie(i)), table.value(i));
            case EventTable.RATE -> new RateEvent(time, userId, slug(table.movie(i)), table.value(i));
            default -> throw new IllegalStateException("unknown kind " + table.kind(i));
        };
    }

    private String slug(int movieIndex) {
        Movie m = catalogue.movies().get(movieIndex);
        return m.slug();
    }
}
