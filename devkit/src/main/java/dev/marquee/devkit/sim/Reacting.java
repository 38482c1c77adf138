package dev.marquee.devkit.sim;

import dev.marquee.devkit.replay.TopicProducer;
import java.util.Map;
import java.util.function.Consumer;

/** Runs reacting users ({@link ReactingLog}) into the platform's log topic, for {@code marquee simulate --react}, the demo and tests. */
public final class Reacting {

    private Reacting() {
    }

    /**
     * What a run did.
     *
     * @param totals  answers, reactions and lines
     * @param seconds wall time
     * @param where   {@code bootstrap/topic}
     */
    public record Report(ReactTotals totals, double seconds, String where) {

        /** A few lines for people. */
        public String describe() {
            return totals.describe(seconds, where);
        }
    }

    /**
     * Lets the users of {@code world} ask {@code config.service()} and react, producing their lines to
     * {@code topic} ({@link TopicProducer}: keyed by user, every send acknowledged) until
     * {@code config.answers()} answers; each answer goes to {@code listener} as it comes.
     */
    public static Report toTopic(World world, ReactConfig config, String bootstrap, String topic,
                                 Consumer<ServiceAnswer> listener) {
        long t0 = System.nanoTime();
        ReactingLog log = new ReactingLog(world, config, listener);
        TopicProducer.produce(bootstrap, topic, log, Map.of());
        return new Report(log.totals(), (System.nanoTime() - t0) / 1e9, bootstrap + "/" + topic);
    }
}
