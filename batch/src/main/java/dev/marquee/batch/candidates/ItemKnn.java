package dev.marquee.batch.candidates;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;

import com.typesafe.config.Config;
import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.models.Setting;
import dev.marquee.batch.models.TrainView;
import dev.marquee.batch.recommend.ItemNeighbours;
import dev.marquee.batch.recommend.UserLists;
import dev.marquee.batch.train.TrainingData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Item-to-item collaborative filtering: cosine similarity of two movies' user sets, shrunk
 * towards 0 when they share few users, {@code sim(i,j) = n_ij / (sqrt(n_i n_j) + shrink)}; each
 * movie keeps its top {@code neighbours}. Co-occurrences are counted in Spark over each user's
 * latest {@code max-history} interactions; a user scores movie j by the summed similarity of the
 * movies the user has seen.
 */
public final class ItemKnn extends GridModel {
    public static final String NAME = "item-knn";
    private final int maxHistory;
    private TrainingData countedFor;
    private Cooccurrence counts;

    public ItemKnn(Config section) {
        super(NAME, section, "neighbours", "neighbours", "shrink", "shrink");
        this.maxHistory = section.getInt("max-history");
    }

    @Override
    public FittedModel fit(TrainView train, Setting setting) {
        TrainingData data = train.data();
        if (countedFor != data) {
            if (counts != null) {
                counts.release();
            }
            counts = Cooccurrence.of(data, maxHistory);
            countedFor = data;
        }
        Dataset<Row> ni = counts.items().withColumnRenamed("n", "ni");
        Dataset<Row> nj = counts.items().withColumnRenamed("i", "j").withColumnRenamed("n", "nj");
        double shrink = setting.get("shrink") / train.userScale(); // co-counts of a sample shrink with it
        Dataset<Row> sims = counts.pairs().join(ni, "i").join(nj, "j")
                .withColumn("sim", col("n").divide(sqrt(col("ni").multiply(col("nj"))).plus(shrink)))
                .withColumn("_r", row_number().over(Window.partitionBy("i").orderBy(col("sim").desc(), col("j"))))
                .filter(col("_r").leq(setting.getInt("neighbours")))
                .select(col("i"), col("j"), col("sim").cast("float"));
        ItemNeighbours neighbours = collect(sims.toLocalIterator(), data.movies().length);
        return new Fitted(data, train.fallback(), neighbours);
    }

    /** Rows {@code i, j, weight(float)}, grouped by i, into per-movie arrays. */
    static ItemNeighbours collect(Iterator<Row> rows, int movies) {
        List<Integer>[] js = newLists(movies);
        List<Float>[] ws = newLists(movies);
        while (rows.hasNext()) {
            Row r = rows.next();
            int i = r.getInt(0);
            js[i].add(r.getInt(1));
            ws[i].add(r.getFloat(2));
        }
        int[][] neighbours = new int[movies][];
        float[][] weights = new float[movies][];
        for (int i = 0; i < movies; i++) {
            neighbours[i] = js[i].stream().mapToInt(Integer::intValue).toArray();
            weights[i] = new float[ws[i].size()];
            for (int n = 0; n < weights[i].length; n++) {
                weights[i][n] = ws[i].get(n);
            }
        }
        return new ItemNeighbours(neighbours, weights);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T>[] newLists(int n) {
        List<T>[] lists = new List[n];
        for (int i = 0; i < n; i++) {
            lists[i] = new ArrayList<>();
        }
        return lists;
    }

    /** Fitted neighbours. */
    record Fitted(TrainingData data, dev.marquee.batch.recommend.GlobalRanking fallback, ItemNeighbours neighbours) implements FittedModel {
        @Override
        public Dataset<Row> recommend(Dataset<Row> users, int k) {
            return UserLists.of(data, users, neighbours, k, fallback);
        }

        @Override
        public java.util.Optional<FittedModel> appliedTo(TrainView everyone) {
            TrainingData to = everyone.data();
            return java.util.Optional.of(new Fitted(to, everyone.fallback(),
                    neighbours.reindexed(data.movieIndexIn(to), to.movies().length)));
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("weights", neighbours.size());
        }
    }
}
