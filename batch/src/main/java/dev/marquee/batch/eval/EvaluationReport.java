package dev.marquee.batch.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's evaluation, for the manifest's lineage (a record tree Jackson writes as JSON).
 *
 * @param protocol the holdout
 * @param models by model name ("popularity", "als", "neural", "published", ...), in insertion order
 */
public record EvaluationReport(Protocol protocol, Map<String, ModelEvaluation> models) {
    public EvaluationReport {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** This report with one more model (replacing one of the same name). */
    public EvaluationReport with(String name, ModelEvaluation evaluation) {
        Map<String, ModelEvaluation> more = new LinkedHashMap<>(models);
        more.put(name, evaluation);
        return new EvaluationReport(protocol, more);
    }
}
