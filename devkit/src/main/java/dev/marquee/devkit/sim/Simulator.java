package dev.marquee.devkit.sim;

import dev.marquee.devkit.replay.Catalogue;
import dev.marquee.devkit.replay.RatingScale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated platform: its world (catalogue, users, tastes) is drawn once from the {@link SimConfig}; each
 * {@link #log()} is a fresh, lazy pass over the same log. Same config, same lines.
 */
public final class Simulator {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    private static final RatingScale SCALE = new RatingScale(1, 5);

    private final SimConfig config;
    private final World world;

    private Simulator(SimConfig config, World world) {
        this.config = config;
        this.world = world;
    }

    /** Draws the world for {@code config}. */
    public static Simulator create(SimConfig config) {
        long t0 = System.nanoTime();
        Simulator s = new Simulator(config, World.forSessions(config));
        LOG.info("Simulated platform: {} users, {} movies, {} days from {}, seed {}; world drawn in {} ms",
                config.users(), config.movies(), config.days(), config.start(), config.seed(),
                (System.nanoTime() - t0) / 1_000_000);
        return s;
    }

    public SimConfig config() {
        return config;
    }

    /** The users, movies and tastes the log is drawn from. */
    public World world() {
        return world;
    }

    public Catalogue catalogue() {
        return world.catalogue();
    }

    /** Ratings are on 1..5. */
    public RatingScale scale() {
        return SCALE;
    }

    /** The log from its start: lazy, in time order (but for bad-time garbage); each call starts over. */
    public SimLog log() {
        return new SimLog(config, world);
    }
}
