package dev.marquee.devkit.replay;

import dev.marquee.events.AccountEvent;
import dev.marquee.events.Event;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The events of a data set in time order (ties in generation order): per rating, an account event for the user's
 * first, an optional viewing session before it, then the rating. Sessions begin at most
 * {@link WatchSessions#maxLeadSeconds()} before their rating, so a priority queue holding that window merges them;
 * memory is bounded by the window. A session never begins before the user's previous rating (it is shortened, or
 * dropped), so a user's sessions do not overlap and none precedes the account.
 */
final class SessionMerge implements Iterator<Event> {

    private record Pending(long epochSecond, long seq, Event event) {
    }

    private final Iterator<DatasetRating> ratings;
    private final RatingScale scale;
    private final WatchSessions options;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> a.epochSecond != b.epochSecond
            ? Long.compare(a.epochSecond, b.epochSecond) : Long.compare(a.seq, b.seq));
    private final Map<Long, Long> lastRating = new HashMap<>();
    private long seq;
    private long lastQueuedRating = Long.MIN_VALUE;

    SessionMerge(RatingsDataset dataset, WatchSessions options) {
        this.ratings = dataset.ratings().iterator();
        this.scale = dataset.scale();
        this.options = options;
    }

    @Override
    public boolean hasNext() {
        return !queue.isEmpty() || ratings.hasNext();
    }

    @Override
    public Event next() {
        while (ratings.hasNext() && (queue.isEmpty()
                || queue.peek().epochSecond() > lastQueuedRating - options.maxLeadSeconds())) {
            add(ratings.next());
        }
        if (queue.isEmpty()) {
            throw new NoSuchElementException();
        }
        return queue.poll().event();
    }

    private void add(DatasetRating r) {
        long t = r.epochSecond();
        lastQueuedRating = t;
        Long previous = lastRating.put(r.userId(), t);
        long[] session = session(r, previous);
        long first = session == null ? t : session[0];
        if (previous == null) {
            push(first, new AccountEvent(time(first), r.userId()));
        }
        if (session != null) {
            for (int k = 0; k < session[1]; k++) {
                long at = session[0] + 60L * k;
                push(at, new WatchEvent(time(at), r.userId(), r.movieSlug(), k));
            }
        }
        push(t, new RateEvent(time(t), r.userId(), r.movieSlug(), r.rating()));
    }

    /** {start second, minutes} of the session before {@code r}, or null when it has none. */
    private long[] session(DatasetRating r, Long previousRating) {
        if (options.share() <= 0) {
            return null;
        }
        Random rnd = new Random(mix(options.seed(), r.userId(), r.movieSlug().hashCode(), r.epochSecond()));
        if (rnd.nextDouble() >= options.share()) {
            return null;
        }
        double liked = scale.max() == scale.min() ? 1
                : Math.max(0, Math.min(1, (double) (r.rating() - scale.min()) / (scale.max() - scale.min())));
        int runtime = Math.min(options.maxMinutes(), 85 + rnd.nextInt(50));
        boolean finished = rnd.nextDouble() < 0.1 + 0.85 * liked * liked;
        int minutes = finished ? runtime : 1 + (int) (runtime * rnd.nextDouble() * (0.2 + 0.6 * liked));
        long lastMinute = r.epochSecond() - 60 - rnd.nextInt(WatchSessions.MAX_GAP_SECONDS - 59);
        if (previousRating != null) {
            long room = lastMinute - previousRating - 1;
            if (room < 0) {
                return null;
            }
            minutes = (int) Math.min(minutes, room / 60 + 1);
        }
        return new long[] {lastMinute - 60L * (minutes - 1), minutes};
    }

    private void push(long epochSecond, Event e) {
        queue.add(new Pending(epochSecond, seq++, e));
    }

    private static LocalDateTime time(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    private static long mix(long seed, long user, int movie, long time) {
        long z = seed + 0x9E3779B97F4A7C15L * (user + 1) + 0xBF58476D1CE4E5B9L * movie + 0x94D049BB133111EBL * time;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
