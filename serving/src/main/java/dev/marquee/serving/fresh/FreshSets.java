package dev.marquee.serving.fresh;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per active user, the movies watched or rated since the open version's data was cut, with their
 * event times (wall millis, {@link VersionCut}). Bounded: at most {@code maxUsers} users (the one
 * whose latest event is oldest goes first) and {@code maxMoviesPerUser} movies each (the oldest
 * goes first); both evictions are counted. One writer (the log follower) changes it under this
 * object's lock; request threads read it without locking: a user's movies are an immutable
 * {@link Movies}, replaced whole.
 */
public final class FreshSets {

    /** One user's fresh movies, oldest first; never modified once published. */
    public record Movies(String[] ids, long[] times) {

        /** Whether {@code movieId} was watched or rated after {@code cut}. */
        public boolean containsAfter(String movieId, long cut) {
            for (int i = 0; i < ids.length; i++) {
                if (times[i] > cut && ids[i].equals(movieId)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether any movie is later than {@code cut}. */
        public boolean anyAfter(long cut) {
            for (long t : times) {
                if (t > cut) {
                    return true;
                }
            }
            return false;
        }
    }

    private final int maxUsers;
    private final int maxMoviesPerUser;
    private final ConcurrentHashMap<Long, Movies> byUser = new ConcurrentHashMap<>();
    /** The same users, least recent event first: the writer's eviction order. */
    private final LinkedHashMap<Long, Movies> order = new LinkedHashMap<>();
    private final AtomicLong movies = new AtomicLong();
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong usersEvicted = new AtomicLong();
    private final AtomicLong moviesEvicted = new AtomicLong();

    public FreshSets(int maxUsers, int maxMoviesPerUser) {
        if (maxUsers < 1 || maxMoviesPerUser < 1) {
            throw new IllegalArgumentException("caps must be positive: " + maxUsers + ", " + maxMoviesPerUser);
        }
        this.maxUsers = maxUsers;
        this.maxMoviesPerUser = maxMoviesPerUser;
    }

    /** The user's fresh movies, or null; lock-free. */
    public Movies get(long userId) {
        return byUser.get(userId);
    }

    /** Records that {@code userId} watched or rated {@code movieId} at {@code time} (wall millis). */
    public synchronized void add(long userId, String movieId, long time) {
        Movies old = order.remove(userId);
        Movies now;
        if (old == null) {
            now = new Movies(new String[] {movieId}, new long[] {time});
            movies.incrementAndGet();
        } else {
            now = with(old, movieId, time);
        }
        order.put(userId, now);
        byUser.put(userId, now);
        added.incrementAndGet();
        if (order.size() > maxUsers) {
            Iterator<Map.Entry<Long, Movies>> eldest = order.entrySet().iterator();
            Map.Entry<Long, Movies> e = eldest.next();
            eldest.remove();
            byUser.remove(e.getKey());
            movies.addAndGet(-e.getValue().ids().length);
            usersEvicted.incrementAndGet();
        }
    }

    /** Drops every movie at or before {@code cut} (a newer version's data holds it); returns how many. */
    public synchronized int dropUpTo(long cut) {
        int dropped = 0;
        for (Iterator<Map.Entry<Long, Movies>> it = order.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, Movies> e = it.next();
            Movies m = e.getValue();
            int keep = 0;
            for (long t : m.times()) {
                keep += t > cut ? 1 : 0;
            }
            if (keep == m.ids().length) {
                continue;
            }
            dropped += m.ids().length - keep;
            if (keep == 0) {
                it.remove();
                byUser.remove(e.getKey());
                continue;
            }
            String[] ids = new String[keep];
            long[] times = new long[keep];
            for (int i = 0, j = 0; i < m.ids().length; i++) {
                if (m.times()[i] > cut) {
                    ids[j] = m.ids()[i];
                    times[j++] = m.times()[i];
                }
            }
            Movies kept = new Movies(ids, times);
            e.setValue(kept);
            byUser.put(e.getKey(), kept);
        }
        movies.addAndGet(-dropped);
        return dropped;
    }

    /** Users with fresh movies. */
    public int users() {
        return byUser.size();
    }

    /** Fresh movies over all users. */
    public long movies() {
        return movies.get();
    }

    /** Events recorded since start (repeats of a movie included). */
    public long added() {
        return added.get();
    }

    /** Users evicted by the user cap. */
    public long usersEvicted() {
        return usersEvicted.get();
    }

    /** Movies evicted by the per-user cap. */
    public long moviesEvicted() {
        return moviesEvicted.get();
    }

    /** {@code old} with {@code movieId} at {@code time} as its newest movie, the oldest dropped beyond the cap. */
    private Movies with(Movies old, String movieId, long time) {
        int n = old.ids().length;
        int at = -1;
        for (int i = 0; i < n; i++) {
            if (old.ids()[i].equals(movieId)) {
                at = i;
            }
        }
        if (at >= 0) {
            // Seen again (a watch is a line per minute): it moves to the end with the later time.
            String[] ids = new String[n];
            long[] times = new long[n];
            for (int i = 0, j = 0; i < n; i++) {
                if (i != at) {
                    ids[j] = old.ids()[i];
                    times[j++] = old.times()[i];
                }
            }
            ids[n - 1] = movieId;
            times[n - 1] = Math.max(time, old.times()[at]);
            return new Movies(ids, times);
        }
        int drop = n + 1 > maxMoviesPerUser ? n + 1 - maxMoviesPerUser : 0;
        String[] ids = Arrays.copyOfRange(old.ids(), drop, n + 1);
        long[] times = Arrays.copyOfRange(old.times(), drop, n + 1);
        ids[ids.length - 1] = movieId;
        times[times.length - 1] = time;
        movies.addAndGet(1 - drop);
        moviesEvicted.addAndGet(drop);
        return new Movies(ids, times);
    }
}
