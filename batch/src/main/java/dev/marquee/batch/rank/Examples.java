package dev.marquee.batch.rank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Training pairs in flat arrays on the driver: every positive candidate plus sampled negatives. */
final class Examples {
    private static final StructType PAIRS = new StructType()
            .add("user", DataTypes.LongType, false).add("movie", DataTypes.IntegerType, false)
            .add("als", DataTypes.FloatType, false).add("interactions", DataTypes.LongType, false)
            .add("meanRating", DataTypes.DoubleType, false).add("label", DataTypes.FloatType, false);

    private final int[] buckets;
    private final int[] movies;
    private final float[] dense;
    private final float[] labels;
    private final int width;
    private final int positives;

    private Examples(int[] buckets, int[] movies, float[] dense, float[] labels, int width, int positives) {
        this.buckets = buckets;
        this.movies = movies;
        this.dense = dense;
        this.labels = labels;
        this.width = width;
        this.positives = positives;
    }

    /** Draws pairs in Spark from rows {@code user, movies, alsScores, positives, interactions, meanRating}. */
    static Examples draw(Dataset<Row> joined, RankFeatures features, RankerParams params) {
        MapPartitionsFunction<Row, Row> pairs = rows -> {
            Map<String, Integer> index = features.index();
            List<Row> out = new ArrayList<>();
            rows.forEachRemaining(row -> out.addAll(pairsOf(row, index, params)));
            return out.iterator();
        };
        List<Row> rows = new ArrayList<>(joined.select("user", "movies", "alsScores", "positives", "interactions",
                "meanRating").mapPartitions(pairs, Encoders.row(PAIRS)).collectAsList());
        rows.sort(Comparator.<Row>comparingLong(r -> r.getLong(0)).thenComparingInt(r -> r.getInt(1)));
        int n = rows.size();
        int width = features.width();
        int[] buckets = new int[n];
        int[] movies = new int[n];
        float[] dense = new float[n * width];
        float[] labels = new float[n];
        int positives = 0;
        for (int k = 0; k < n; k++) {
            Row r = rows.get(k);
            buckets[k] = params.bucket(r.getLong(0));
            movies[k] = r.getInt(1);
            features.fill(dense, k * width, movies[k], r.getFloat(2), r.getLong(3), r.getDouble(4));
            labels[k] = r.getFloat(5);
            positives += labels[k] > 0 ? 1 : 0;
        }
        return new Examples(buckets, movies, dense, labels, width, positives);
    }

    private static List<Row> pairsOf(Row row, Map<String, Integer> index, RankerParams params) {
        long user = row.getLong(0);
        List<String> cands = row.getList(1);
        List<Float> scores = row.getList(2);
        Set<String> pos = new HashSet<>(row.getList(3));
        long interactions = row.isNullAt(4) ? 0L : row.getLong(4);
        double mean = row.isNullAt(5) ? 0.0 : row.getDouble(5);
        List<Integer> negatives = new ArrayList<>();
        List<Row> out = new ArrayList<>();
        for (int k = 0; k < cands.size(); k++) {
            if (pos.contains(cands.get(k))) {
                out.add(RowFactory.create(user, index.get(cands.get(k)), scores.get(k), interactions, mean, 1f));
            } else {
                negatives.add(k);
            }
        }
        Random random = new Random(params.seed() ^ (user * 0x9E3779B97F4A7C15L));
        int want = Math.min(negatives.size(), out.size() * params.negativesPerPositive());
        for (int s = 0; s < want; s++) {
            int j = s + random.nextInt(negatives.size() - s);
            int k = negatives.get(j);
            negatives.set(j, negatives.get(s));
            out.add(RowFactory.create(user, index.get(cands.get(k)), scores.get(k), interactions, mean, 0f));
        }
        return out;
    }

    int size() {
        return labels.length;
    }

    int positives() {
        return positives;
    }

    int width() {
        return width;
    }

    int bucket(int k) {
        return buckets[k];
    }

    int movie(int k) {
        return movies[k];
    }

    float[] dense() {
        return dense;
    }

    /** Model inputs for the examples {@code idx}, created in {@code m}. */
    NDList batch(NDManager m, int[] idx) {
        long[] u = new long[idx.length];
        long[] i = new long[idx.length];
        float[] d = new float[idx.length * width];
        for (int k = 0; k < idx.length; k++) {
            u[k] = buckets[idx[k]];
            i[k] = movies[idx[k]];
            System.arraycopy(dense, idx[k] * width, d, k * width, width);
        }
        return new NDList(m.create(u), m.create(i), m.create(d, new Shape(idx.length, width)));
    }

    /** Labels {@code [B, 1]} for the examples {@code idx}. */
    NDArray labels(NDManager m, int[] idx) {
        float[] l = new float[idx.length];
        for (int k = 0; k < idx.length; k++) {
            l[k] = labels[idx[k]];
        }
        return m.create(l, new Shape(idx.length, 1));
    }
}
