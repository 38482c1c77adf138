package dev.marquee.serving.fresh;

import dev.marquee.store.StoreReader;
import dev.marquee.store.Values;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a stored value into the value to send. A user with nothing fresh gets the stored value
 * itself (the same array: the text answer is still its prefix, sent without a copy). Otherwise the
 * movies the user watched or rated after the version's cut are removed from the list and its spares,
 * and the first ones left, as many as the stored answer had, become the answer: a new value of the
 * version's format, its scores still aligned with its ids (formats before 4 have no spares, so their
 * answer gets shorter).
 */
public final class FreshAnswers {

    /** Fresh answers off: every value is sent as stored. */
    public static final FreshAnswers OFF = new FreshAnswers();

    private record Cut(StoreReader reader, long wallMillis) {
    }

    private final FreshSets sets;
    private final ZoneId platformZone;
    private final Counter rewritten;
    private volatile Cut cut;

    private FreshAnswers() {
        sets = null;
        platformZone = null;
        rewritten = null;
    }

    /** Answers filtered by {@code sets}; meters registered in {@code registry} (docs/metrics.md). */
    public FreshAnswers(FreshSets sets, ZoneId platformZone, MeterRegistry registry) {
        this.sets = sets;
        this.platformZone = platformZone;
        this.rewritten = Counter.builder("marquee.fresh.answers.rewritten")
                .description("answers rewritten without movies the user watched or rated since the version's data cut")
                .register(registry);
        Gauge.builder("marquee.fresh.users", sets, FreshSets::users)
                .description("users with movies watched or rated since the version's data cut").register(registry);
        Gauge.builder("marquee.fresh.movies", sets, FreshSets::movies)
                .description("movies in the fresh sets, over all users").register(registry);
        FunctionCounter.builder("marquee.fresh.events", sets, FreshSets::added)
                .description("watch and rate events after the cut read from the log").register(registry);
        FunctionCounter.builder("marquee.fresh.evictions", sets, FreshSets::usersEvicted).tag("what", "user")
                .description("fresh-set entries evicted by the caps: users (max-users), movies (max-movies-per-user)")
                .register(registry);
        FunctionCounter.builder("marquee.fresh.evictions", sets, FreshSets::moviesEvicted).tag("what", "movie")
                .description("fresh-set entries evicted by the caps: users (max-users), movies (max-movies-per-user)")
                .register(registry);
    }

    /** Whether answers are filtered. */
    public boolean enabled() {
        return sets != null;
    }

    /**
     * The value to answer {@code userId} with: {@code value} itself (read from {@code reader}'s
     * version; the user's or the cold-start list) unless the user watched or rated some of its
     * movies after the version's cut, else a new value without them.
     */
    public byte[] answer(long userId, StoreReader reader, byte[] value) {
        if (sets == null) {
            return value;
        }
        FreshSets.Movies fresh = sets.get(userId);
        if (fresh == null) {
            return value;
        }
        long cutMillis = cutOf(reader);
        if (!fresh.anyAfter(cutMillis)) {
            return value;
        }
        List<String> all = reader.allIds(value);
        float[] allScores = reader.allScores(value);
        int bodyIds = count(value, reader.textLength(value));
        List<String> kept = new ArrayList<>(all.size());
        float[] keptScores = allScores.length == 0 ? null : new float[all.size()];
        int removedFromBody = 0;
        for (int i = 0; i < all.size(); i++) {
            if (fresh.containsAfter(all.get(i), cutMillis)) {
                removedFromBody += i < bodyIds ? 1 : 0;
                continue;
            }
            if (keptScores != null) {
                keptScores[kept.size()] = allScores[i];
            }
            kept.add(all.get(i));
        }
        if (removedFromBody == 0) {
            return value; // only spares were fresh: the answer is unchanged
        }
        rewritten.increment();
        return Values.encode(reader.formatVersion(), kept,
                keptScores == null ? null : java.util.Arrays.copyOf(keptScores, kept.size()),
                Math.min(bodyIds, kept.size()));
    }

    private long cutOf(StoreReader reader) {
        Cut c = cut;
        if (c == null || c.reader() != reader) {
            c = new Cut(reader, VersionCut.of(reader.manifest(), platformZone));
            cut = c;
        }
        return c.wallMillis();
    }

    /** Ids in {@code value[0, end)}. */
    private static int count(byte[] value, int end) {
        int n = end == 0 ? 0 : 1;
        for (int i = 0; i < end; i++) {
            n += value[i] == ',' ? 1 : 0;
        }
        return n;
    }
}
