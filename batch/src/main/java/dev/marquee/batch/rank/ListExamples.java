package dev.marquee.batch.rank;

import dev.marquee.batch.config.NeuralParams;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Training lists for the listwise loss, drawn inside Spark partitions: for a user, each of up to
 * {@code listsPerUser} candidates the user took (its targets) heads a list, followed by
 * {@code listSize - 1} candidates the user did not take (sampled without replacement while there
 * are enough, with it after). Users with no taken or no untaken candidate give none. Only the
 * lists reach the driver (packed floats), sorted by user, so the result does not depend on
 * partitioning.
 *
 * @param lists how many lists
 * @param users how many users gave lists
 * @param listSize candidates per list (L)
 * @param width features per candidate (F)
 * @param x {@code lists x L x F} raw features, the taken candidate first in each list
 */
public record ListExamples(int lists, int users, int listSize, int width, float[] x) {
    private static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.LongType, false)
            .add("list", DataTypes.IntegerType, false)
            .add("x", DataTypes.BinaryType, false);

    /** Lists from {@code pool} ({@link CandidatePool} rows plus {@code targets(array<string>)}). */
    public static ListExamples draw(Dataset<Row> pool, Features features, NeuralParams params) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(pool.sparkSession().sparkContext());
        Broadcast<Features> f = jsc.broadcast(features);
        FlatMapFunction<Row, Row> one = row -> user(row, f.value(), params);
        List<Row> rows = new ArrayList<>(pool.select("user", "lists", "history", "recency", "targets")
                .flatMap(one, Encoders.row(SCHEMA)).collectAsList());
        rows.sort(Comparator.<Row>comparingLong(r -> r.getLong(0)).thenComparingInt(r -> r.getInt(1)));
        int w = features.width();
        int per = params.listSize() * w;
        float[] x = new float[rows.size() * per];
        Set<Long> users = new HashSet<>();
        for (int n = 0; n < rows.size(); n++) {
            users.add(rows.get(n).getLong(0));
            ByteBuffer.wrap((byte[]) rows.get(n).get(2)).asFloatBuffer().get(x, n * per, per);
        }
        return new ListExamples(rows.size(), users.size(), params.listSize(), w, x);
    }

    private static Iterator<Row> user(Row row, Features features, NeuralParams params) {
        Features.UserCandidates c = features.extract(row);
        Set<String> targets = new HashSet<>(row.getList(4));
        List<Integer> taken = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int k = 0; k < c.movies().size(); k++) {
            (targets.contains(c.movies().get(k)) ? taken : others).add(k);
        }
        if (taken.isEmpty() || others.isEmpty()) {
            return List.<Row>of().iterator();
        }
        Random random = new Random(params.seed() * 1_000_003L + c.user());
        shuffle(taken, random);
        int w = features.width();
        int l = params.listSize();
        List<Row> out = new ArrayList<>();
        for (int n = 0; n < Math.min(params.listsPerUser(), taken.size()); n++) {
            ByteBuffer bytes = ByteBuffer.allocate(l * w * Float.BYTES);
            FloatBuffer x = bytes.asFloatBuffer();
            x.put(c.x(), taken.get(n) * w, w);
            shuffle(others, random);
            for (int k = 0; k < l - 1; k++) {
                int pick = k < others.size() ? others.get(k) : others.get(random.nextInt(others.size()));
                x.put(c.x(), pick * w, w);
            }
            out.add(RowFactory.create(c.user(), n, bytes.array()));
        }
        return out.iterator();
    }

    private static void shuffle(List<Integer> list, Random random) {
        for (int k = list.size() - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            Integer t = list.get(k);
            list.set(k, list.get(j));
            list.set(j, t);
        }
    }
}
