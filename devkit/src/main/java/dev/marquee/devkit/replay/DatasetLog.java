package dev.marquee.devkit.replay;

import dev.marquee.events.AccountEvent;
import dev.marquee.events.Event;
import dev.marquee.events.EventFormatter;
import dev.marquee.events.RateEvent;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A data set as the platform's log, in time order: an account event just before each user's first rating (same
 * time, earlier line), then the rate events, times in UTC. Lazy: one line at a time.
 */
public final class DatasetLog {

    private DatasetLog() {
    }

    /** The events; each call starts over. */
    public static Iterator<Event> events(RatingsDataset dataset) {
        return new EventIterator(dataset);
    }

    /** The log lines; each call starts over. */
    public static Iterator<String> lines(RatingsDataset dataset) {
        Iterator<Event> events = events(dataset);
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

    /** The log lines as a sequential stream. */
    public static Stream<String> stream(RatingsDataset dataset) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines(dataset),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static final class EventIterator implements Iterator<Event> {
        private final Iterator<DatasetRating> ratings;
        private final Set<Long> seen = new HashSet<>();
        private RateEvent pending;

        EventIterator(RatingsDataset dataset) {
            this.ratings = dataset.ratings().iterator();
        }

        @Override
        public boolean hasNext() {
            return pending != null || ratings.hasNext();
        }

        @Override
        public Event next() {
            if (pending != null) {
                RateEvent e = pending;
                pending = null;
                return e;
            }
            if (!ratings.hasNext()) {
                throw new NoSuchElementException();
            }
            DatasetRating r = ratings.next();
            LocalDateTime time = LocalDateTime.ofEpochSecond(r.epochSecond(), 0, ZoneOffset.UTC);
            RateEvent rate = new RateEvent(time, r.userId(), r.movieSlug(), r.rating());
            if (seen.add(r.userId())) {
                pending = rate;
                return new AccountEvent(time, r.userId());
            }
            return rate;
        }
    }
}
