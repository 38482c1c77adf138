package dev.marquee.batch.recommend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
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

    /** Same, leaving out the rows {@code f} maps to null. */
    public static Iterator<Row> mapPresent(Iterator<Row> rows, Function<Row, Row> f) {
        return new Iterator<>() {
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null && rows.hasNext()) {
                    next = f.apply(rows.next());
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row out = next;
                next = null;
                return out;
            }
        };
    }

    /**
     * {@code rows} taken {@code size} at a time (the last block may be shorter), each block mapped
     * to its output rows by {@code f}, lazily: for scoring users in blocks (one matrix multiply per
     * block) inside {@code mapPartitions}.
     */
    public static Iterator<Row> blocks(Iterator<Row> rows, int size, Function<List<Row>, List<Row>> f) {
        return new Iterator<>() {
            private Iterator<Row> out = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!out.hasNext() && rows.hasNext()) {
                    List<Row> block = new ArrayList<>(size);
                    while (block.size() < size && rows.hasNext()) {
                        block.add(rows.next());
                    }
                    out = f.apply(block).iterator();
                }
                return out.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return out.next();
            }
        };
    }

    /** Copies a {@code u, features(array<float>), ...} row's features into {@code users[offset, offset + rank)}. */
    public static void features(Row row, float[] users, int offset, int rank) {
        List<Float> features = row.getList(1);
        for (int k = 0; k < rank; k++) {
            users[offset + k] = features.get(k);
        }
    }

    /**
     * Marks a {@code ..., seen(array<int>, nullable)} row's seen movies (column 2) in {@code seen};
     * returns the list, so the caller can clear the marks again with {@link #unmark}.
     */
    public static List<Integer> mark(Row row, boolean[] seen) {
        List<Integer> seenList = row.isNullAt(2) ? List.of() : row.getList(2);
        for (int s : seenList) {
            seen[s] = true;
        }
        return seenList;
    }

    /** Clears the marks {@link #mark} set. */
    public static void unmark(List<Integer> seenList, boolean[] seen) {
        for (int s : seenList) {
            seen[s] = false;
        }
    }
}
