package dev.marquee.batch.eval.report;

import dev.marquee.batch.eval.holdout.Protocol;
import dev.marquee.batch.eval.metrics.ModelEvaluation;
import dev.marquee.batch.eval.metrics.RankingMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's evaluation, for the manifest's lineage (a record tree Jackson writes as JSON).
 *
 * @param protocol the time cut
 * @param models by model name ("popularity", "ease", ..., "published"), in insertion order
 * @param coldStart by cold-start formula: its list's figures on the window's new users
 */
public record EvaluationReport(Protocol protocol, Map<String, ModelEvaluation> models,
        Map<String, RankingMetrics> coldStart) {
    public EvaluationReport {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        coldStart = Collections.unmodifiableMap(new LinkedHashMap<>(coldStart));
    }

    /** A report of returning users only. */
    public EvaluationReport(Protocol protocol, Map<String, ModelEvaluation> models) {
        this(protocol, models, Map.of());
    }

    /** This report with one more model (replacing one of the same name). */
    public EvaluationReport with(String name, ModelEvaluation evaluation) {
        Map<String, ModelEvaluation> more = new LinkedHashMap<>(models);
        more.put(name, evaluation);
        return new EvaluationReport(protocol, more, coldStart);
    }

    /** This report with one more cold-start formula's figures on new users. */
    public EvaluationReport withColdStart(String formula, RankingMetrics onNewUsers) {
        Map<String, RankingMetrics> more = new LinkedHashMap<>(coldStart);
        more.put(formula, onNewUsers);
        return new EvaluationReport(protocol, models, more);
    }
}
