package dev.marquee.batch.models;

import dev.marquee.batch.candidates.DecayedPopularity;
import dev.marquee.batch.recommend.SortedLists;
import dev.marquee.batch.train.Interactions;
import dev.marquee.batch.train.TrainingData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The published lists: the plug-in that won the test window, refitted with the setting it won
 * with on everything. A winning second stage is retrained with the test window as its targets (the
 * first stages fitted before it as its inputs), and ranks the first stages refitted on everything.
 * When the selection ran on a user sample (ADR 9), "refitted on everything" is, for a model that can
 * be applied to users it never saw, "fitted on the sample's whole history and applied to everyone".
 */
public final class Publisher {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Publisher.class);
    private Publisher() {}

    /**
     * The published lists and the models fitted to make them.
     *
     * @param lists every user's list, sorted by user (the store's key order), cached and computed: the
     *     caller unpersists them
     * @param fitted the winner refitted on everything; for a second stage, its sources and then the stage
     */
    public record Published(Dataset<Row> lists, List<FittedModel> fitted) {}

    /** Lists for every user of {@code all}, sorted by user (the store's key order), cached: the caller unpersists them. */
    public static Dataset<Row> lists(ModelSelector selector, Selection selection, TrainView all, int k) {
        return publish(selector, selection, all, k).lists();
    }

    /** Same, with the fitted models. */
    public static Published publish(ModelSelector selector, Selection selection, TrainView all, int k) {
        Dataset<Row> users = all.data().userIndex().select("user");
        try (Everyone everyone = Everyone.of(selector, selection, all)) {
            if (selection.model() != null) {
                FittedModel fitted = everyone.fit(selection.model(), selection.settings().get(selection.model().name()), 0, 1);
                selector.steps().step(listing(selection, k));
                return new Published(SortedLists.of(fitted.recommend(users, k)), List.of(fitted));
            }
            Map<String, FittedModel> sources = new LinkedHashMap<>();
            List<Recommender> first = selector.firstStage();
            for (Recommender r : first) {
                sources.put(r.name(), everyone.fit(r, selection.settings().get(r.name()), sources.size(), first.size() + 1));
            }
            selector.steps().step("retraining " + selection.stage().name() + " on the test window", first.size(),
                    first.size() + 1);
            FittedModel fitted = selection.stage().fit(new SecondStage.Stage(selection.test().view(), selection.testSources()),
                    selection.test().relevant(), new SecondStage.Stage(all, sources));
            List<FittedModel> models = new ArrayList<>(sources.values());
            models.add(fitted);
            selector.steps().step(listing(selection, k));
            return new Published(SortedLists.of(fitted.recommend(users, k)), List.copyOf(models));
        }
    }

    /** The progress step while every user's list is made and sorted. */
    private static String listing(Selection selection, int k) {
        return "lists of " + k + " of " + selection.published().name() + " for every user, sorted by user";
    }

    /**
     * How a model is fitted for everyone: on every user, or, when the selection ran on a sample and
     * {@code eval.publish-from-sample} is on, on the sample's whole history and then applied to everyone
     * ({@link FittedModel#appliedTo}; a model that cannot be is fitted on everyone).
     */
    private static final class Everyone implements AutoCloseable {
        private final ModelSelector selector;
        private final TrainView all;
        private final TrainView sample;

        private Everyone(ModelSelector selector, TrainView all, TrainView sample) {
            this.selector = selector;
            this.all = all;
            this.sample = sample;
        }

        static Everyone of(ModelSelector selector, Selection selection, TrainView all) {
            UserSample s = selection.sample();
            if (s == null || !s.sampled() || !selector.publishesFromSample()) {
                return new Everyone(selector, all, null);
            }
            TrainingData data = TrainingData.from(all.spark(), Interactions.from(s.events()));
            TrainView unfilled = new TrainView(all.spark(), data, all.asOf(), all.parallelism(), null, s.scale());
            TrainView view = new TrainView(all.spark(), data, all.asOf(), all.parallelism(),
                    new DecayedPopularity(selection.halfLifeDays()).ranking(unfilled), s.scale());
            LOG.info("publish: models learn on the selection's sample ({} users, each standing for {}) up to {} and are "
                    + "applied to all {} users", s.kept(), String.format("%.2f", s.scale()), all.asOf(), s.users());
            return new Everyone(selector, all, view);
        }

        FittedModel fit(Recommender r, Setting setting, int done, int total) {
            long t0 = System.nanoTime();
            FittedModel out = null;
            if (sample != null) {
                selector.steps().step("fitting " + r.name() + " on the sample, applying it to everyone", done, total);
                FittedModel onSample = r.fit(sample, setting);
                out = onSample.appliedTo(all).orElse(null);
                if (out == null) {
                    onSample.close();
                }
            }
            String how = out == null ? "refitted on all data" : "fitted on the sample and applied to everyone";
            if (out == null) {
                selector.steps().step("refitting " + r.name() + " on all data", done, total);
                out = r.fit(all, setting);
            }
            LOG.info("publish: {} {} in {} s", r.name(), how, String.format("%.1f", (System.nanoTime() - t0) / 1e9));
            return out;
        }

        /** The applied models hold everyone's data, not the sample's: the sample's view goes once all are fitted. */
        @Override
        public void close() {
            if (sample != null) {
                sample.data().release();
            }
        }
    }
}
