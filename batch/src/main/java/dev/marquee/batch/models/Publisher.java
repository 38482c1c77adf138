package dev.marquee.batch.models;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The published lists: the plug-in that won the test window, refitted with the setting it won
 * with on everything. A winning second stage is retrained with the test window as its targets (the
 * first stages fitted before it as its inputs), and ranks the first stages refitted on everything.
 */
public final class Publisher {
    private Publisher() {}

    /** Lists for every user of {@code all}, sorted by user (the store's key order). */
    public static Dataset<Row> lists(ModelSelector selector, Selection selection, TrainView all, int k) {
        Dataset<Row> users = all.data().userIndex().select("user");
        if (selection.model() != null) {
            FittedModel fitted = selection.model().fit(all, selection.settings().get(selection.model().name()));
            return fitted.recommend(users, k).orderBy("user");
        }
        Map<String, FittedModel> sources = new LinkedHashMap<>();
        for (Recommender r : selector.firstStage()) {
            sources.put(r.name(), r.fit(all, selection.settings().get(r.name())));
        }
        FittedModel fitted = selection.stage().fit(new SecondStage.Stage(selection.test().view(), selection.testSources()),
                selection.test().relevant(), new SecondStage.Stage(all, sources));
        return fitted.recommend(users, k).orderBy("user");
    }
}
