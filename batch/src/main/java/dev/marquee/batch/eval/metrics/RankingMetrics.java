package dev.marquee.batch.eval.metrics;

/**
 * Ranking quality of final lists against held-out interactions, averaged over test users.
 *
 * @param k list length cut-off
 * @param users test users averaged over (those without any list count with zeros)
 * @param precision mean Precision@K: hits in the top K / K
 * @param recall mean Recall@K: hits in the top K / |relevant|
 * @param ndcg mean NDCG@K: binary relevance, log2 discount, ideal DCG over min(|relevant|, K)
 * @param map MAP@K: average precision at K normalised by min(|relevant|, K)
 * @param coverage distinct movies in all lists (top K of each) / catalogue size
 * @param coldStartShare share of test users served the cold-start list (no personal list)
 */
public record RankingMetrics(int k, long users, double precision, double recall, double ndcg, double map,
        double coverage, double coldStartShare) {
}
