package dev.marquee.batch.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marquee.batch.config.AlsParams;
import dev.marquee.batch.train.AlsTrainer;
import dev.marquee.testkit.SparkExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fold-in is the user step of Spark MLlib's implicit ALS: given a fitted model's own item factors
 * and training data, it gives the model's user factors back; and a user left out of the fit gets
 * factors from its history that rank its own movies high.
 */
@ExtendWith(SparkExtension.class)
class FoldInIT {
    private static final StructType WATCHES = new StructType().add("u", DataTypes.IntegerType, false)
            .add("i", DataTypes.IntegerType, false).add("strength", DataTypes.FloatType, false);

    /** Users in two taste groups (even users like items 0-39, odd ones 40-79), with a little noise. */
    private static List<Row> watches(int users, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int base = u % 2 == 0 ? 0 : 40;
            java.util.Set<Integer> items = new java.util.TreeSet<>();
            for (int n = 0; n < 8; n++) {
                items.add(base + random.nextInt(40));
            }
            items.add(random.nextInt(80));
            for (int i : items) {
                rows.add(RowFactory.create(u, i, (float) (1 + random.nextInt(5) * 0.7)));
            }
        }
        return rows;
    }

    @Test
    void givesTheModelsOwnUserFactorsBackAndFoldsInANewUser(SparkSession spark) {
        // enough users that both tasks of local[2] fold users in at the same time (the broadcast solver is shared)
        Dataset<Row> watches = spark.createDataFrame(watches(3000, 7), WATCHES).repartition(4).cache();
        AlsParams params = new AlsParams(8, 0.1, 10, 42, 5.0);
        ALSModel model = AlsTrainer.fit(watches, AlsTrainer.Variant.IMPLICIT, params, 2);
        ItemFactors items = ItemFactors.of(model);

        Map<Integer, float[]> spark0 = factors(model.userFactors().withColumnRenamed("id", "u"));
        Map<Integer, float[]> folded = factors(FoldIn.userFactors(watches, items, params.regParam(), params.alpha()));
        assertEquals(spark0.keySet(), folded.keySet(), "one row per user");
        double worst = 0;
        double norm = 0;
        for (Map.Entry<Integer, float[]> e : spark0.entrySet()) {
            float[] theirs = e.getValue();
            float[] ours = folded.get(e.getKey());
            for (int k = 0; k < theirs.length; k++) {
                worst = Math.max(worst, Math.abs(theirs[k] - ours[k]));
                norm = Math.max(norm, Math.abs(theirs[k]));
            }
        }
        assertTrue(norm > 0.01, "the model learned something: " + norm);
        assertTrue(worst < 1e-4, "Spark's user factors within 1e-4 (largest factor " + norm + "): " + worst);

        // A user the fit never saw, who watched even items 0..9 (the first group's).
        List<Row> newUser = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            newUser.add(RowFactory.create(10_000, i, 2f));
        }
        newUser.add(RowFactory.create(20_000, 999, 3f)); // a movie without factors: nothing to fold in on
        Map<Integer, float[]> folded2 = factors(FoldIn.userFactors(spark.createDataFrame(newUser, WATCHES), items,
                params.regParam(), params.alpha()));
        assertEquals(java.util.Set.of(10_000), folded2.keySet(), "a user with no known movie gets no factors, as in ALS");
        float[] x = folded2.get(10_000);
        double first = 0;
        double second = 0;
        for (int r = 0; r < items.items().length; r++) {
            double s = 0;
            for (int k = 0; k < items.rank(); k++) {
                s += x[k] * items.matrix()[r * items.rank() + k];
            }
            if (items.items()[r] < 40) {
                first += s;
            } else {
                second += s;
            }
        }
        assertTrue(first > second + 1, "the new user's factors score its group's movies higher: " + first + " vs " + second);
    }

    private static Map<Integer, float[]> factors(Dataset<Row> rows) {
        Map<Integer, float[]> out = new HashMap<>();
        for (Row r : rows.select("u", "features").collectAsList()) {
            List<Float> f = r.getList(1);
            float[] v = new float[f.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = f.get(k);
            }
            out.put(r.getInt(0), v);
        }
        return out;
    }
}
