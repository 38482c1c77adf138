package dev.marquee.batch.models;

import dev.marquee.batch.eval.report.EvaluationReport;
import java.util.List;
import java.util.Map;

/**
 * What the test window decided. Holds the test window and the first stages fitted on it open, so
 * that a winning second stage can be retrained with the test window as its targets; close it after
 * publishing.
 *
 * @param report every model's figures, the published one's under "published", cold-start formulas on new users
 * @param published the winner
 * @param candidates every model that competed
 * @param tuning every setting tried on the validation window
 * @param model the winner's plug-in (null when a second stage won)
 * @param stage the winning second stage (null when a first stage won)
 * @param settings every model's chosen setting, by name
 * @param coldStart the cold-start formula that did best on new users
 * @param halfLifeDays decayed popularity's tuned half-life
 * @param test the test window
 * @param testSources the first stages fitted on the test window's training part
 * @param sample the users the selection ran on (all of them, or a hash sample at scale)
 */
public record Selection(EvaluationReport report, Candidate published, List<Candidate> candidates,
        List<TuningPoint> tuning, Recommender model, SecondStage stage, Map<String, Setting> settings, String coldStart,
        double halfLifeDays, EvalWindow test, Map<String, FittedModel> testSources, UserSample sample)
        implements AutoCloseable {

    @Override
    public void close() {
        testSources.values().forEach(FittedModel::close);
        test.close();
    }
}
