package dev.marquee.cli;

import dev.marquee.devkit.replay.DatasetLog;
import dev.marquee.devkit.replay.DatasetReader;
import dev.marquee.devkit.replay.RatingScale;
import dev.marquee.devkit.replay.RatingsDataset;
import dev.marquee.devkit.replay.WatchSessions;
import dev.marquee.devkit.sim.SyntheticPlatform;
import dev.marquee.devkit.sim.World;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A platform's log to replay: a real ratings dataset read from a folder (with viewing sessions of watch
 * events before some ratings, {@link #SESSIONS}), or the built-in synthetic platform.
 *
 * @param name what it is, for people
 * @param lines the log lines in time order
 * @param scale the rating scale the batch job must be configured with
 * @param movies every movie slug of its catalogue
 * @param truth the users' hidden tastes for the synthetic platform (reacting users need them), null for a dataset
 */
record LogSource(String name, Iterator<String> lines, RatingScale scale, Set<String> movies, World truth) {
    /** Watch sessions before 5% of a dataset's ratings: both signals, at a third of the default volume. */
    static final WatchSessions SESSIONS = new WatchSessions(0.05, 120, 42L);

    static LogSource of(Path datasetDir) throws IOException {
        if (datasetDir == null) {
            SyntheticPlatform platform = SyntheticPlatform.generate();
            return new LogSource("synthetic platform (" + platform.config().users() + " users, "
                    + platform.config().movies() + " movies, seed " + platform.config().seed() + ")",
                    platform.lines(), platform.scale(), slugs(platform.catalogue()), platform.truth());
        }
        RatingsDataset dataset = DatasetReader.read(datasetDir);
        return new LogSource(dataset.format() + " dataset at " + datasetDir + " (" + dataset.ratings().size()
                + " ratings)", DatasetLog.lines(dataset, SESSIONS),
                dataset.scale(), slugs(dataset.catalogue()), null);
    }

    private static Set<String> slugs(dev.marquee.devkit.replay.Catalogue catalogue) {
        return catalogue.movies().stream().map(dev.marquee.devkit.replay.Movie::slug).collect(Collectors.toSet());
    }
}
