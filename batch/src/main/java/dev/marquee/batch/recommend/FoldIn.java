package dev.marquee.batch.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.netlib.util.intW;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Implicit-feedback ALS user factors from fixed item factors: for every user, the least-squares
 * step Spark MLlib's ALS makes for it in each iteration, once (Hu, Koren, Volinsky 2008 in Spark's
 * form: confidence - 1 = alpha x |strength|, preference 1 where strength > 0, regularisation
 * regParam x the user's positive interactions). With a model's own item factors and training data it
 * gives the model's user factors back; with item factors learned on a sample of users, it gives
 * every other user factors from their own history, about one ALS half-iteration of work instead of
 * a whole fit. Solved in partitions: {@code Y^T Y} once on the driver (BLAS), then per user the
 * normal equations and a Cholesky solve (LAPACK {@code dposv}). A user none of whose movies has
 * factors gets no row, as a user ALS never saw has none.
 */
public final class FoldIn {
    /** {@code u(int), features(array<float>)}, as {@code ALSModel.userFactors()} with {@code id} named {@code u}. */
    public static final StructType SCHEMA = new StructType()
            .add("u", DataTypes.IntegerType, false)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private FoldIn() {}

    /**
     * @param watches {@code u, i, strength}: every user's interactions, items indexed as {@code items.items()}
     * @param items the fixed item factors (items without a row are left out of the users' sums)
     * @param regParam ALS's regParam
     * @param alpha ALS's alpha
     * @return one row per user of {@code watches}, lazily
     */
    public static Dataset<Row> userFactors(Dataset<Row> watches, ItemFactors items, double regParam, double alpha) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(watches.sparkSession().sparkContext());
        Broadcast<Solver> solver = jsc.broadcast(new Solver(items, gram(items), regParam, alpha));
        Dataset<Row> histories = watches.groupBy("u")
                .agg(collect_list(col("i")).as("items"), collect_list(col("strength")).as("strengths"));
        MapPartitionsFunction<Row, Row> f = rows -> known(rows, solver.value());
        return histories.mapPartitions(f, Encoders.row(SCHEMA));
    }

    /** The solved users, lazily; a user none of whose movies has factors gets no row (as ALS gives it none). */
    private static java.util.Iterator<Row> known(java.util.Iterator<Row> rows, Solver solver) {
        // The broadcast solver is shared by the executor's concurrent tasks: each partition has its own scratch.
        double[] a = new double[solver.rank * solver.rank];
        double[] b = new double[solver.rank];
        double[] y = new double[solver.rank];
        return Partitions.mapPresent(rows, history -> solver.solve(history, a, b, y));
    }

    /** {@code Y^T Y} of the item factors, {@code rank x rank} in double (column-major, symmetric). */
    static double[] gram(ItemFactors items) {
        int k = items.rank();
        int n = items.items().length;
        double[] y = new double[n * k];
        float[] m = items.matrix();
        for (int x = 0; x < y.length; x++) {
            y[x] = m[x];
        }
        double[] out = new double[k * k];
        // Y is n x k row-major = k x n column-major: out = Y^T Y = (k x n)(n x k).
        BLAS.getInstance().dgemm("N", "T", k, k, n, 1.0, y, k, y, k, 0.0, out, k);
        return out;
    }

    /** What each executor needs: the factors by item index, Y^T Y and the settings. */
    private static final class Solver implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int rank;
        private final int[] rowOf;
        private final float[] matrix;
        private final double[] yty;
        private final double regParam;
        private final double alpha;

        Solver(ItemFactors items, double[] yty, double regParam, double alpha) {
            this.rank = items.rank();
            int max = -1;
            for (int i : items.items()) {
                max = Math.max(max, i);
            }
            this.rowOf = new int[max + 1];
            java.util.Arrays.fill(rowOf, -1);
            for (int r = 0; r < items.items().length; r++) {
                rowOf[items.items()[r]] = r;
            }
            this.matrix = items.matrix();
            this.yty = yty;
            this.regParam = regParam;
            this.alpha = alpha;
        }

        /**
         * The user's factors, or null when none of its movies has factors (nothing to fold in on);
         * {@code a}, {@code b}, {@code y}: the caller's scratch ({@code rank^2}, {@code rank}, {@code rank}).
         */
        Row solve(Row history, double[] a, double[] b, double[] y) {
            System.arraycopy(yty, 0, a, 0, a.length);
            java.util.Arrays.fill(b, 0);
            List<Integer> is = history.getList(1);
            List<Float> strengths = history.getList(2);
            int positives = 0;
            BLAS blas = BLAS.getInstance();
            for (int n = 0; n < is.size(); n++) {
                int i = is.get(n);
                int r = i < rowOf.length ? rowOf[i] : -1;
                if (r < 0) {
                    continue;
                }
                for (int k = 0; k < rank; k++) {
                    y[k] = matrix[r * rank + k];
                }
                double strength = strengths.get(n);
                double c1 = alpha * Math.abs(strength);
                blas.dsyr("U", rank, c1, y, 1, a, rank);
                if (strength > 0) {
                    positives++;
                    blas.daxpy(rank, 1.0 + c1, y, 1, b, 1);
                }
            }
            if (positives == 0) {
                return null;
            }
            double lambda = regParam * positives;
            for (int k = 0; k < rank; k++) {
                a[k * rank + k] += lambda;
            }
            intW info = new intW(0);
            LAPACK.getInstance().dposv("U", rank, 1, a, rank, b, rank, info);
            if (info.val != 0) {
                // regParam 0 and dead factor dimensions: Y^T Y is singular there and nothing regularises it
                throw new IllegalStateException("fold-in: the normal equations of user " + history.getInt(0)
                        + " are not positive definite (dposv info " + info.val + "); a regParam above 0 makes them so");
            }
            Float[] features = new Float[rank];
            for (int k = 0; k < rank; k++) {
                features[k] = (float) b[k];
            }
            return RowFactory.create(history.getInt(0),
                    CollectionConverters.asScala(java.util.Arrays.asList(features)).toSeq());
        }
    }
}
