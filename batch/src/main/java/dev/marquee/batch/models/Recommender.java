package dev.marquee.batch.models;

import java.util.List;

/**
 * A candidate model, as a plug-in: the selector tunes it on the validation window, fits its best
 * setting on the test window's training part to compare it with the others, and the nightly job
 * fits the winner, this same instance with the same setting, on everything to publish it.
 */
public interface Recommender {
    /** Its name in config, reports and lineage ({@code decayed-popularity}, {@code ease}, ...). */
    String name();

    /** The settings to try on the validation window; a one-point grid skips tuning. */
    List<Setting> grid();

    /** Learns from {@code train} with {@code setting}. */
    FittedModel fit(TrainView train, Setting setting);
}
