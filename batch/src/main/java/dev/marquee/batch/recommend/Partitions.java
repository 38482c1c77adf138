package dev.marquee.batch.recommend;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/** Helpers for the per-partition loops that score users in plain Java (top-N, candidates, metrics). */
public final class Partitions {
    private Partitions() {}

    /** {@code rows} mapped one by one, lazily, as Spark's {@code mapPartitions} expects. */
    public static Iterator<Row> map(Iterator<Row> rows, Function<Row, Row> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                return f.apply(rows.next());
            }
        };
    }

    /**
     * Loads a {@code u, features(array<float>), seen(array<int>, nullable)} row: copies the
     * features into {@code user} and marks the seen movies in {@code seen}. Returns the seen list,
     * so the caller can clear the marks again with {@link #unmark}.
     */
    public static List<Integer> load(Row row, float[] user, boolean[] seen) {
        List<Float> features = row.getList(1);
        for (int k = 0; k < user.length; k++) {
            user[k] = features.get(k);
        }
        List<Integer> seenList = row.isNullAt(2) ? List.of() : row.getList(2);
        for (int s : seenList) {
            seen[s] = true;
        }
        return seenList;
    }

    /** Clears the marks {@link #load} set. */
    public static void unmark(List<Integer> seenList, boolean[] seen) {
        for (int s : seenList) {
            seen[s] = false;
        }
    }
}
