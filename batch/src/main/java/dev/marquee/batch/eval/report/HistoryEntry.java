package dev.marquee.batch.eval.report;

/**
 * A published version's figures, for the trend across versions.
 *
 * @param versionId e.g. v000012
 * @param createdAt when it was built (ISO-8601 text)
 * @param ndcg its published model's NDCG@K
 * @param precision Precision@K
 * @param recall Recall@K
 * @param coverage catalogue coverage
 */
public record HistoryEntry(String versionId, String createdAt, double ndcg, double precision, double recall,
        double coverage) {
}
