package dev.marquee.devkit.replay;

import dev.marquee.events.Event;
import dev.marquee.events.EventFormatter;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A data set as the platform's log, in time order: an account event just before each user's first event (same
 * time, earlier line), the rate events, and optionally ({@link WatchSessions}) viewing sessions of minute-by-minute
 * watch events before some ratings; times in UTC. Lazy: one line at a time.
 */
public final class DatasetLog {

    private DatasetLog() {
    }

    /** The account and rate events; each call starts over. */
    public static Iterator<Event> events(RatingsDataset dataset) {
        return events(dataset, WatchSessions.NONE);
    }

    /** The events with viewing sessions as {@code sessions} says; each call starts over. */
    public static Iterator<Event> events(RatingsDataset dataset, WatchSessions sessions) {
        return new SessionMerge(dataset, sessions);
    }

    /** The log lines of the account and rate events; each call starts over. */
    public static Iterator<String> lines(RatingsDataset dataset) {
        return lines(dataset, WatchSessions.NONE);
    }

    /** The log lines with viewing sessions as {@code sessions} says; each call starts over. */
    public static Iterator<String> lines(RatingsDataset dataset, WatchSessions sessions) {
        Iterator<Event> events = events(dataset, sessions);
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

    /** The log lines of the account and rate events as a sequential stream. */
    public static Stream<String> stream(RatingsDataset dataset) {
        return stream(dataset, WatchSessions.NONE);
    }

    /** The log lines with viewing sessions as a sequential stream. */
    public static Stream<String> stream(RatingsDataset dataset, WatchSessions sessions) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines(dataset, sessions),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
