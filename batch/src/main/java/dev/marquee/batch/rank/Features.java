package dev.marquee.batch.rank;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Turns a {@link CandidatePool} row into raw features, one row of {@link #width()} per candidate:
 * per source (in order) whether it proposed the movie, log(1 + rank) ({@code log(1 + M)} when it
 * did not) and its score standardised within the user's list from that source (0 when it did not;
 * scores of different models and nights are not comparable, positions in a list are); then the
 * movie's {@link MovieStats}; then log(1 + the user's history) and log(1 + days since the user's
 * last interaction). The ranker standardises them with its training statistics.
 *
 * @param sources how many sources
 * @param m candidates per source
 * @param movies the view's movie statistics
 */
public record Features(int sources, int m, MovieStats movies) implements Serializable {
    /** Features per source. */
    public static final int PER_SOURCE = 3;

    /** Features per candidate. */
    public int width() {
        return PER_SOURCE * sources + MovieStats.WIDTH + 2;
    }

    /**
     * One user's candidates and their raw features.
     *
     * @param user the user
     * @param movies the candidates, in order of first proposal
     * @param x {@code movies.size() x width}, row-major
     */
    public record UserCandidates(long user, List<String> movies, float[] x) {}

    /** The candidates of a {@link CandidatePool} row. */
    public UserCandidates extract(Row row) {
        List<Row> lists = new ArrayList<>(row.<Row>getList(1));
        lists.sort(Comparator.comparingInt(list -> list.getInt(0)));
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Row list : lists) {
            for (Object movie : list.getList(1)) {
                index.putIfAbsent((String) movie, index.size());
            }
        }
        int w = width();
        float[] x = new float[index.size() * w];
        float missingRank = (float) Math.log1p(m);
        float history = (float) Math.log1p(row.getLong(2));
        float recency = (float) Math.log1p(Math.max(0, row.getDouble(3)));
        List<String> movies = new ArrayList<>(index.keySet());
        for (int c = 0; c < movies.size(); c++) {
            int o = c * w;
            for (int s = 0; s < sources; s++) {
                x[o + PER_SOURCE * s + 1] = missingRank;
            }
            float[] stats = this.movies.of(movies.get(c));
            System.arraycopy(stats, 0, x, o + PER_SOURCE * sources, MovieStats.WIDTH);
            x[o + w - 2] = history;
            x[o + w - 1] = recency;
        }
        for (Row list : lists) {
            fill(list, index, x, w);
        }
        return new UserCandidates(row.getLong(0), movies, x);
    }

    private void fill(Row list, Map<String, Integer> index, float[] x, int w) {
        int s = list.getInt(0);
        List<String> names = list.getList(1);
        List<Float> scores = list.getList(2);
        double mean = 0;
        for (float v : scores) {
            mean += v;
        }
        mean /= Math.max(1, scores.size());
        double var = 0;
        for (float v : scores) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / Math.max(1, scores.size()));
        for (int r = 0; r < names.size() && r < m; r++) {
            int o = index.get(names.get(r)) * w + PER_SOURCE * s;
            x[o] = 1f;
            x[o + 1] = (float) Math.log1p(r);
            x[o + 2] = sd > 1e-9 ? (float) ((scores.get(r) - mean) / sd) : 0f;
        }
    }

    /** The feature names, in order (for logs). */
    public List<String> names(List<String> sourceNames) {
        List<String> out = new ArrayList<>();
        for (String s : sourceNames) {
            out.addAll(Arrays.asList(s + ".proposed", s + ".log1p(rank)", s + ".z(score)"));
        }
        out.addAll(MovieStats.NAMES);
        out.addAll(List.of("log1p(user history)", "log1p(user recency days)"));
        return out;
    }
}
