package dev.marquee.batch.models;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A model that re-ranks what first-stage candidates propose (the neural ranker). It learns which
 * of the sources' proposals users took next: trained on the sources fitted one window earlier with
 * that window's new pairs as targets, it then ranks the sources fitted now. The selector trains it
 * on the validation window and judges it on the test window; at publish time it is retrained with
 * the test window as targets, and ranks the sources refitted on everything.
 */
public interface SecondStage {
    /** Its name in config, reports and lineage. */
    String name();

    /**
     * One side of the training: a view and the first-stage models fitted on it, by name.
     *
     * @param view what the sources learned from
     * @param sources fitted first-stage models (closed by the selector, not by the stage)
     */
    record Stage(TrainView view, Map<String, FittedModel> sources) {}

    /**
     * @param earlier the sources fitted one window before {@code now}
     * @param targets {@code user, movie}: what users did in {@code (earlier.asOf, now.asOf]}
     * @param now the sources the fitted model ranks
     */
    FittedModel fit(Stage earlier, Dataset<Row> targets, Stage now);
}
