package dev.marquee.devkit.sim;

import dev.marquee.events.Event;
import dev.marquee.events.EventFormatter;
import dev.marquee.events.LogTimes;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of simulated users who react to a running service, lazily, in time order. Viewing sessions begin at
 * Poisson arrivals on a simulated clock that starts at real now, runs {@link ReactConfig#speed} times faster and
 * never falls behind real time nor runs more than {@link ReactConfig#maxLead} ahead of it (it waits for real time,
 * which is pacing). A session's user is drawn from the {@link World} (by activity where it has one, not busy in
 * another session if possible); with probability {@link ReactConfig#askShare} they first ask the service
 * ({@link ServiceClient}), and take one of the movies shown by the {@link ReactionModel}; when they take none, or
 * did not ask, or got no list, the session is organic as in the {@link Simulator}. Either way they watch it minute
 * by minute and maybe rate it ({@link Sessions#play}). The service writes its own lines for its answers; this log
 * writes the watch and rating lines only, each after the answer it follows on both clocks. A line is handed out
 * once no later session can come before it; after the last answer, lines up to {@link ReactConfig#tail} later are
 * handed out and the rest cut.
 */
public final class ReactingLog implements Iterator<String> {

    private static final Logger LOG = LoggerFactory.getLogger(ReactingLog.class);
    private static final long PROGRESS_EVERY_MS = 5_000;
    /** Busy users are skipped this many times before one is taken anyway. */
    private static final int USER_TRIES = 16;
    /** A service that gave none of the first this many answers is taken for absent. */
    private static final int GIVE_UP_AFTER = 50;

    /** One line to be written: its time on the simulated clock, then order of generation. */
    private record Pending(long timeMs, long seq, int user, byte kind, int movie, int value) {
    }

    private final World world;
    private final ReactConfig config;
    private final ServiceClient client;
    private final Consumer<ServiceAnswer> listener;
    private final Clock clock;
    private final Random rnd;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparingLong(Pending::timeMs).thenComparingLong(Pending::seq));
    private final long[] busyUntil;
    private final BitSet seen = new BitSet();
    private final Map<String, Long> answersByArm = new HashMap<>();
    private final Map<String, Long> reactionsByArm = new HashMap<>();
    private final long realStart;
    private long seq;
    private long nextArrival;
    private long endMs = Long.MAX_VALUE;
    private boolean finished;
    private boolean reportedDone;
    private long sessions;
    private long answers;
    private long failed;
    private long reactions;
    private long lines;
    private long watches;
    private long ratings;
    private long cut;
    private long nextReport;

    /** Users of {@code world} reacting to {@code config.service()}; each answer goes to {@code listener}. */
    public ReactingLog(World world, ReactConfig config, Consumer<ServiceAnswer> listener) {
        this(world, config, listener, Clock.systemUTC());
    }

    ReactingLog(World world, ReactConfig config, Consumer<ServiceAnswer> listener, Clock clock) {
        this.world = world;
        this.config = config;
        this.client = new ServiceClient(config.service());
        this.listener = listener;
        this.clock = clock;
        this.rnd = new Random(config.seed());
        this.busyUntil = new long[world.users()];
        this.realStart = clock.millis();
        this.nextArrival = realStart;
        this.nextReport = realStart + PROGRESS_EVERY_MS;
        LOG.info("reacting users: {} users, {} movies, asking {} for {} answers; {} sessions/h, {}% asking,"
                + " speed {}, at most {} ahead of real time", world.users(), world.movies(), client, config.answers(),
                config.sessionsPerHour(), Math.round(100 * config.askShare()), config.speed(), config.maxLead());
    }

    @Override
    public boolean hasNext() {
        return fill();
    }

    @Override
    public String next() {
        if (!fill()) {
            throw new NoSuchElementException();
        }
        Pending p = pending.poll();
        Instant at = Instant.ofEpochMilli(p.timeMs());
        String slug = world.slug(p.movie());
        Event e = p.kind() == EventBuffer.WATCH
                ? new WatchEvent(LogTimes.wallTime(at, config.zone()), p.user() + 1L, slug, p.value())
                : new RateEvent(LogTimes.wallTime(at, config.zone()), p.user() + 1L, slug, p.value());
        lines++;
        watches += p.kind() == EventBuffer.WATCH ? 1 : 0;
        ratings += p.kind() == EventBuffer.RATE ? 1 : 0;
        progress(false);
        return EventFormatter.format(e);
    }

    /** What happened so far. */
    public ReactTotals totals() {
        return new ReactTotals(sessions, seen.cardinality(), answers, failed, reactions, lines, watches, ratings, cut,
                answersByArm, reactionsByArm);
    }

    /** True when a line is ready, running sessions (and asking the service) as needed. */
    private boolean fill() {
        while (!finished) {
            Pending head = pending.peek();
            if (head != null && head.timeMs() < nextArrival) {
                return true;
            }
            if (answers >= config.answers()) {
                finished = true;
                endMs = nextArrival + config.tail().toMillis();
                break;
            }
            session();
        }
        Pending head = pending.peek();
        if (head != null && head.timeMs() > endMs) {
            cut += pending.size();
            pending.clear();
        }
        if (pending.isEmpty() && !reportedDone) {
            reportedDone = true;
            progress(true);
        }
        return !pending.isEmpty();
    }

    /** One session at the next arrival; then draws the arrival after it. */
    private void session() {
        long at = Math.max(pace(nextArrival), clock.millis());
        int u = user(at);
        sessions++;
        seen.set(u);
        long start = at;
        int movie = -1;
        if (rnd.nextDouble() < config.askShare()) {
            ServiceAnswer answer = ask(u);
            long answered = Math.max(at, clock.millis());
            int pick = answer.ok() ? config.model().choose(expected(u, answer), rnd) : -1;
            record(answer, pick);
            listener.accept(answer.reacted(answered, pick));
            start = answered + 5_000 + rnd.nextInt(115_000); // looking through the list: 5 s to 2 min
            movie = pick >= 0 ? world.indexOf(answer.items().get(pick)) : -1;
        }
        if (movie < 0) {
            movie = Sessions.organicMovie(world, rnd, u);
        }
        busyUntil[u] = Sessions.play(world, rnd, u, movie, start, this::add);
        double gapMs = -Math.log(1 - rnd.nextDouble()) * 3_600_000 / config.sessionsPerHour();
        nextArrival = at + Math.max(1, Math.round(gapMs));
    }

    private ServiceAnswer ask(int u) {
        try {
            return client.ask(u + 1L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + client, e);
        }
    }

    private void record(ServiceAnswer answer, int pick) {
        answers++;
        if (!answer.ok()) {
            failed++;
            if (failed == answers && answers >= GIVE_UP_AFTER) {
                throw new IllegalStateException("the service at " + client + " gave none of the first " + answers
                        + " answers (last status " + answer.status() + ")");
            }
            return;
        }
        String arm = String.valueOf(answer.arm());
        answersByArm.merge(arm, 1L, Long::sum);
        if (pick >= 0) {
            reactions++;
            reactionsByArm.merge(arm, 1L, Long::sum);
        }
    }

    /** The user's expected rating of each movie shown; NaN for one their world lacks. */
    private double[] expected(int u, ServiceAnswer answer) {
        double[] e = new double[answer.items().size()];
        for (int k = 0; k < e.length; k++) {
            int m = world.indexOf(answer.items().get(k));
            e[k] = m < 0 ? Double.NaN : world.expected(u, m);
        }
        return e;
    }

    /** A user drawn by activity, preferring one not in a session at {@code at}. */
    private int user(long at) {
        int u = world.drawUser(rnd);
        for (int tries = 1; tries < USER_TRIES && busyUntil[u] > at; tries++) {
            u = world.drawUser(rnd);
        }
        return u;
    }

    /** Waits until real time lets the simulated clock reach {@code simMs}; returns it. */
    private long pace(long simMs) {
        long due = simMs - config.maxLead().toMillis();
        if (Double.isFinite(config.speed())) {
            due = Math.max(due, realStart + (long) ((simMs - realStart) / config.speed()));
        }
        long wait = due - clock.millis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing the simulated clock", e);
            }
        }
        return simMs;
    }

    private void add(long timeMs, int user, byte kind, int movie, int value) {
        pending.add(new Pending(timeMs, seq++, user, kind, movie, value));
    }

    private void progress(boolean done) {
        long now = clock.millis();
        if (!done && now < nextReport) {
            return;
        }
        nextReport = now + PROGRESS_EVERY_MS;
        double seconds = Math.max(now - realStart, 1) / 1000.0;
        LOG.info("react: {} users, {} answers ({} failed), {} reactions ({}%), {} lines, {} answers/s, simulated clock"
                + " {} s ahead of real time{}", seen.cardinality(), answers, failed, reactions,
                answers == 0 ? 0 : Math.round(100.0 * reactions / answers), lines, Math.round(answers / seconds),
                Math.max(0, (Math.min(nextArrival, endMs) - now) / 1000), done ? ", done (" + cut + " lines cut)" : "");
    }
}
