package dev.marquee.devkit.sim;

import dev.marquee.events.AccountEvent;
import dev.marquee.events.Event;
import dev.marquee.events.EventFormatter;
import dev.marquee.events.RateEvent;
import dev.marquee.events.RecommendationEvent;
import dev.marquee.events.WatchEvent;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over a simulated log, lazily, in time order: each simulated day is generated, sorted and handed out
 * before the next is drawn (events of sessions running past midnight wait for the next day), so memory holds one
 * day. Before each real line, with probability garbageShare, a garbage line made from the previous real line is
 * written instead (same time, except the bad-time kind). Logs progress every few seconds.
 */
public final class SimLog implements Iterator<String> {

    private static final Logger LOG = LoggerFactory.getLogger(SimLog.class);
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;
    private static final String SERVER = "recommender.marquee.dev:8082";
    private static final String TIMEOUT = "java.net.SocketTimeoutException: Read timed out";

    private final SimConfig config;
    private final World world;
    private final Sessions sessions;
    private final Garbage garbage;
    private final Random garbageRnd;
    private final EventBuffer buffer = new EventBuffer();
    private final long startEpochSecond;
    private final long cleanPerDay;
    private int day;
    private boolean flushed;
    private int ready;
    private int taken;
    private Event lastEvent;
    private String lastLine;
    private String next;
    private GarbageKind nextKind;
    private GarbageKind lastKind;
    private long lines;
    private long accounts;
    private long watches;
    private long ratings;
    private long recommendations;
    private long failedRecommendations;
    private final Map<GarbageKind, Long> garbageByKind = new EnumMap<>(GarbageKind.class);
    private long garbageLines;
    private final long t0 = System.nanoTime();
    private long nextReport = t0 + PROGRESS_EVERY_NANOS;

    SimLog(SimConfig config, World world) {
        this.config = config;
        this.world = world;
        this.sessions = new Sessions(world, config.seed() * 31 + 1);
        this.garbageRnd = new Random(config.seed() * 31 + 2);
        this.garbage = new Garbage(world, new Random(config.seed() * 31 + 3));
        this.startEpochSecond = config.start().atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        this.cleanPerDay = Math.max(1, Math.round(config.events() * (1 - config.garbageShare()) / config.days()));
        advance();
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public String next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        String line = next;
        lastKind = nextKind;
        count();
        lines++;
        if ((lines & 0xFFFF) == 0) {
            progress(false);
        }
        advance();
        return line;
    }

    /** The garbage kind of the line {@link #next()} returned last, or null when it was a real event. */
    public GarbageKind lastGarbageKind() {
        return lastKind;
    }

    /** Counts of the lines returned so far. */
    public SimTotals totals() {
        return new SimTotals(lines, accounts, watches, ratings, recommendations, failedRecommendations,
                garbageLines, garbageByKind);
    }

    private void count() {
        if (nextKind != null) {
            garbageByKind.merge(nextKind, 1L, Long::sum);
            garbageLines++;
        } else if (lastEvent instanceof AccountEvent) {
            accounts++;
        } else if (lastEvent instanceof WatchEvent) {
            watches++;
        } else if (lastEvent instanceof RateEvent) {
            ratings++;
        } else if (lastEvent instanceof RecommendationEvent r) {
            recommendations++;
            failedRecommendations += r.status() == 0 ? 1 : 0;
        }
    }

    private void advance() {
        if (lastEvent != null && garbageRnd.nextDouble() < config.garbageShare()) {
            nextKind = garbage.kind();
            next = garbage.line(nextKind, lastEvent, lastLine);
            return;
        }
        nextKind = null;
        if (!fill()) {
            next = null;
            progress(true);
            return;
        }
        lastEvent = event(buffer.ordered(taken++));
        lastLine = EventFormatter.format(lastEvent);
        next = lastLine;
    }

    /** True when a real event is ready, generating days as needed. */
    private boolean fill() {
        while (taken == ready) {
            if (day < config.days()) {
                sessions.day(day, cleanPerDay, buffer);
                ready = buffer.sortAndSplit(day * Sessions.DAY_MS, (day + 1) * Sessions.DAY_MS);
                day++;
            } else if (!flushed) {
                ready = buffer.sortAndSplit(config.days() * Sessions.DAY_MS, Long.MAX_VALUE);
                flushed = true;
            } else {
                return false;
            }
            taken = 0;
        }
        return true;
    }

    private Event event(int i) {
        if (buffer.kind(i) != EventBuffer.RECOMMENDATION) {
            return buffer.event(i, startEpochSecond, world);
        }
        long ms = buffer.timeMs(i);
        return recommendation(EventBuffer.time(startEpochSecond, ms), buffer.user(i) + 1L, ms, buffer.value(i));
    }

    private RecommendationEvent recommendation(LocalDateTime time, long userId, long ms, int status) {
        Random r = new Random(config.seed() ^ (ms * 0x9E3779B97F4A7C15L) ^ userId);
        if (status == Sessions.STATUS_FAILED) {
            return new RecommendationEvent(time, userId, SERVER, 0, TIMEOUT, 600 + r.nextInt(200));
        }
        StringBuilder ids = new StringBuilder(400);
        for (int k = 0; k < 20; k++) {
            if (k > 0) {
                ids.append(',');
            }
            ids.append(world.slug(world.drawMovie(r)));
        }
        return new RecommendationEvent(time, userId, SERVER, status, ids.toString(), 3 + r.nextInt(120));
    }

    private void progress(boolean done) {
        long now = System.nanoTime();
        if (!done && now < nextReport) {
            return;
        }
        nextReport = now + PROGRESS_EVERY_NANOS;
        double seconds = (now - t0) / 1e9;
        LOG.info("simulate: {} lines ({} garbage), {} lines/s, {} s elapsed, simulated day {}/{}{}", lines,
                garbageLines, Math.round(lines / Math.max(seconds, 1e-9)), String.format("%.1f", seconds),
                day, config.days(), done ? ", done" : "");
    }
}
