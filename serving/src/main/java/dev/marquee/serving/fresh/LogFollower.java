package dev.marquee.serving.fresh;

import dev.marquee.events.Event;
import dev.marquee.events.EventParser;
import dev.marquee.events.Parsed;
import dev.marquee.events.RateEvent;
import dev.marquee.events.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that follows the platform's log into {@link FreshSets}: a consumer without a
 * group, assigned every partition of the topic. Once the open version's cut is known it seeks each
 * partition to the first record stamped at or after the cut (less {@link #SLACK}, never further back
 * than {@code max-lookback}: {@code offsetsForTimes}) and reads on; watch and rate lines later than
 * the cut enter the sets. It is <em>rebuilt</em> once its positions reach the end offsets taken at
 * that seek ({@link #awaitRebuilt}). A newer version's cut drops what its data holds; an older one
 * (a rollback) seeks back to it and reads again (the sets ignore repeats).
 */
public final class LogFollower implements AutoCloseable {

    /** Records are stamped by their producer a little after the event's log time, or with a skewed clock: seek this much earlier. */
    static final Duration SLACK = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);
    private static final long NO_CUT = Long.MIN_VALUE;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long RETRY_MS = 1_000;

    private final FreshConfig config;
    private final ZoneId platformZone;
    private final FreshSets sets;
    private final Clock clock;
    private final Thread thread;
    private final CountDownLatch rebuilt = new CountDownLatch(1);
    private final Object signal = new Object();
    private volatile long wantedCut = NO_CUT;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;
    /** Only the follower's thread reads these: the cut applied, and the earliest time the sets are complete from. */
    private long cut = NO_CUT;
    private long readFrom = Long.MAX_VALUE;
    private Map<TopicPartition, Long> rebuildEnd;
    private long rebuildStart;

    public LogFollower(FreshConfig config, ZoneId platformZone, FreshSets sets, Clock clock) {
        this.config = config;
        this.platformZone = platformZone;
        this.sets = sets;
        this.clock = clock;
        this.thread = new Thread(this::run, "fresh-log-follower");
        thread.setDaemon(true);
    }

    /** Starts the thread; it reads nothing until the first {@link #cut}. */
    public void start() {
        thread.start();
    }

    /** The open version's cut (wall millis, {@link VersionCut}); called on every swap. */
    public void cut(long wallMillis) {
        wantedCut = wallMillis;
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Waits up to {@code timeout} for the rebuild from the topic; whether it is done. */
    public boolean awaitRebuilt(Duration timeout) throws InterruptedException {
        return rebuilt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the sets hold everything the topic had when the follower last sought to a cut. */
    public boolean rebuilt() {
        return rebuilt.getCount() == 0;
    }

    private void run() {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties(config))) {
            consumer = c;
            while (running) {
                try {
                    follow(c);
                } catch (WakeupException e) {
                    // close() woke the consumer: the loop ends unless running was set again
                } catch (KafkaException | IllegalStateException e) {
                    LOG.warn("fresh answers: reading {} failed, retrying in {} ms: {}", config.topic(), RETRY_MS, e.toString());
                    pause(RETRY_MS);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("fresh answers: the log follower stopped", e);
        }
    }

    private void follow(KafkaConsumer<String, String> c) {
        long wanted = wantedCut;
        if (wanted == NO_CUT) {
            pause(RETRY_MS);
            return;
        }
        if (c.assignment().isEmpty()) {
            List<PartitionInfo> partitions = c.partitionsFor(config.topic(), Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) {
                LOG.debug("fresh answers: topic {} not there yet", config.topic());
                pause(RETRY_MS);
                return;
            }
            c.assign(partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            readFrom = Long.MAX_VALUE;
        }
        if (wanted != cut) {
            if (wanted < readFrom) {
                seek(c, wanted); // first, so that a failed seek is tried again with the cut still pending
            }
            if (cut != NO_CUT && wanted > cut) {
                int dropped = sets.dropUpTo(wanted);
                readFrom = Math.max(readFrom, wanted); // the sets hold nothing before it any more
                LOG.info("fresh answers: a newer version's data holds {} fresh movies: dropped", dropped);
            }
            cut = wanted;
        }
        for (ConsumerRecord<String, String> r : c.poll(POLL)) {
            apply(r.value());
        }
        if (rebuildEnd != null && reached(c)) {
            LOG.info("fresh answers: rebuilt from {} in {} ms: {} users, {} movies after the cut", config.topic(),
                    clock.millis() - rebuildStart, sets.users(), sets.movies());
            rebuildEnd = null;
            rebuilt.countDown();
        }
    }

    /** Seeks every partition to the cut (less the slack, at most max-lookback back) and notes the end to rebuild to. */
    private void seek(KafkaConsumer<String, String> c, long to) {
        Instant now = clock.instant();
        Instant from = VersionCut.instant(to, platformZone).minus(SLACK);
        Instant oldest = now.minus(config.maxLookback());
        long at = (from.isBefore(oldest) ? oldest : from).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        c.assignment().forEach(tp -> query.put(tp, at));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(query, Duration.ofSeconds(10));
        Map<TopicPartition, Long> end = c.endOffsets(c.assignment(), Duration.ofSeconds(10));
        for (TopicPartition tp : c.assignment()) {
            OffsetAndTimestamp o = offsets.get(tp);
            c.seek(tp, o == null ? end.get(tp) : o.offset());
        }
        readFrom = to;
        rebuildEnd = end;
        rebuildStart = clock.millis();
        LOG.info("fresh answers: reading {} from records stamped {} on (the version's data ends {})", config.topic(),
                Instant.ofEpochMilli(at), VersionCut.instant(to, platformZone));
    }

    private boolean reached(KafkaConsumer<String, String> c) {
        for (Map.Entry<TopicPartition, Long> e : rebuildEnd.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(String line) {
        if (!(EventParser.parse(line) instanceof Parsed p)) {
            return;
        }
        Event e = p.event();
        String movie = e instanceof WatchEvent w ? w.movieId() : e instanceof RateEvent r ? r.movieId() : null;
        if (movie == null) {
            return;
        }
        long time = VersionCut.wallMillis(e.time());
        if (time > cut) {
            sets.add(e.userId(), movie, time);
        }
    }

    private void pause(long millis) {
        synchronized (signal) {
            try {
                if (running) {
                    signal.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    static Properties properties(FreshConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "marquee-serving-fresh");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    /** Stops the thread (waking the consumer) and closes the consumer. */
    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
