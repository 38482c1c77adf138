package dev.marquee.batch.models;

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
 */
public final class Publisher {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Publisher.class);
    private Publisher() {}

    /**
     * The published lists and the models fitted to make them.
     *
     * @param lists every user's list, sorted by user (the store's key order)
     * @param fitted the winner refitted on everything; for a second stage, its sources and then the stage
     */
    public record Published(Dataset<Row> lists, List<FittedModel> fitted) {}

    /** Lists for every user of {@code all}, sorted by user (the store's key order). */
    public static Dataset<Row> lists(ModelSelector selector, Selection selection, TrainView all, int k) {
        return publish(selector, selection, all, k).lists();
    }

    /** Same, with the fitted models. */
    public static Published publish(ModelSelector selector, Selection selection, TrainView all, int k) {
        Dataset<Row> users = all.data().userIndex().select("user");
        if (selection.model() != null) {
            FittedModel fitted = selection.model().fit(all, selection.settings().get(selection.model().name()));
            return new Published(fitted.recommend(users, k).orderBy("user"), List.of(fitted));
        }
        Map<String, FittedModel> sources = new LinkedHashMap<>();
        List<Recommender> first = selector.firstStage();
        for (Recommender r : first) {
            selector.steps().step("refitting " + r.name() + " on all data for " + selection.stage().name(),
                    sources.size(), first.size() + 1);
            long t0 = System.nanoTime();
            sources.put(r.name(), r.fit(all, selection.settings().get(r.name())));
            LOG.info("publish: {} refitted on all data in {} s", r.name(), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        }
        selector.steps().step("retraining " + selection.stage().name() + " on the test window", first.size(), first.size() + 1);
        FittedModel fitted = selection.stage().fit(new SecondStage.Stage(selection.test().view(), selection.testSources()),
                selection.test().relevant(), new SecondStage.Stage(all, sources));
        List<FittedModel> models = new ArrayList<>(sources.values());
        models.add(fitted);
        return new Published(fitted.recommend(users, k).orderBy("user"), List.copyOf(models));
    }
}
