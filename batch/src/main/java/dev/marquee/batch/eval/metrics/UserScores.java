package dev.marquee.batch.eval.metrics;

import java.util.List;
import java.util.Set;

/**
 * One user's ranking scores at K; see {@link RankingMetrics} for the definitions.
 *
 * @param precision hits in the top K / K
 * @param recall hits in the top K / |relevant|
 * @param ndcg DCG / ideal DCG, binary relevance, gain 1/log2(position + 1)
 * @param averagePrecision sum of precision at each hit's position / min(|relevant|, K)
 */
public record UserScores(double precision, double recall, double ndcg, double averagePrecision) {
    public static final UserScores ZERO = new UserScores(0, 0, 0, 0);

    /** Scores the first {@code k} movies of {@code list} against {@code relevant} (a list may be shorter). */
    public static UserScores of(List<String> list, Set<String> relevant, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        if (relevant.isEmpty()) {
            return ZERO;
        }
        int hits = 0;
        double dcg = 0;
        double precisionSum = 0;
        int n = Math.min(k, list.size());
        for (int i = 0; i < n; i++) {
            if (relevant.contains(list.get(i))) {
                hits++;
                dcg += discount(i);
                precisionSum += (double) hits / (i + 1);
            }
        }
        int ideal = Math.min(relevant.size(), k);
        double idcg = 0;
        for (int i = 0; i < ideal; i++) {
            idcg += discount(i);
        }
        return new UserScores((double) hits / k, (double) hits / relevant.size(), dcg / idcg, precisionSum / ideal);
    }

    private static double discount(int zeroBasedPosition) {
        return 1.0 / (Math.log(zeroBasedPosition + 2) / Math.log(2));
    }
}
