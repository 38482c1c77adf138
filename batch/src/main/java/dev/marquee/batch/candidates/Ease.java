package dev.marquee.batch.candidates;

import static org.apache.spark.sql.functions.col;

import com.typesafe.config.Config;
import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.models.Setting;
import dev.marquee.batch.models.TrainView;
import dev.marquee.batch.recommend.ItemNeighbours;
import dev.marquee.batch.recommend.TopK;
import dev.marquee.batch.recommend.UserLists;
import dev.marquee.batch.train.TrainingData;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EASE (Steck 2019), a shallow linear item-to-item autoencoder with a closed form, over the
 * {@code max-items} most active movies (at least {@code min-users} users each): the Gram matrix is
 * counted in Spark, inverted in PyTorch on the driver, and B is kept sparse, its
 * {@code keep-per-item} largest weights (by magnitude) per movie, so scoring distributes like
 * item-kNN. The regularisation lambda is tuned.
 */
public final class Ease extends GridModel {
    public static final String NAME = "ease";
    private static final Logger LOG = LoggerFactory.getLogger(Ease.class);
    private final int maxItems;
    private final int minUsers;
    private final int keepPerItem;
    private final int maxHistory;
    private TrainingData gramFor;
    private Gram gram;

    public Ease(Config section) {
        super(NAME, section, "lambda", "lambda");
        this.maxItems = section.getInt("max-items");
        this.minUsers = section.getInt("min-users");
        this.keepPerItem = section.getInt("keep-per-item");
        this.maxHistory = section.getInt("max-history");
    }

    /** The Gram matrix over the chosen movies. */
    private record Gram(int[] items, float[] matrix) {}

    @Override
    public FittedModel fit(TrainView train, Setting setting) {
        TrainingData data = train.data();
        if (gramFor != data) {
            gram = gram(data);
            gramFor = data;
        }
        int n = gram.items().length;
        long start = System.nanoTime();
        // the Gram matrix of a user sample is the sample's share of everyone's: so is its lambda
        double lambda = setting.get("lambda") / train.userScale();
        float[] b = n == 0 ? new float[0] : EaseSolver.weights(gram.matrix(), n, lambda);
        LOG.info("ease: {} movies, lambda {}: B in {} ms", n, lambda, (System.nanoTime() - start) / 1_000_000);
        return new Fitted(data, train.fallback(), prune(b, gram.items(), data.movies().length), n);
    }

    private Gram gram(TrainingData data) {
        Cooccurrence c = Cooccurrence.of(data, maxHistory);
        try {
            List<Row> top = c.items().filter(col("n").geq(minUsers)).orderBy(col("n").desc(), col("i"))
                    .limit(maxItems).collectAsList();
            int n = top.size();
            int[] items = new int[n];
            Map<Integer, Integer> pos = new java.util.HashMap<>();
            float[] g = new float[n * n];
            for (int a = 0; a < n; a++) {
                items[a] = top.get(a).getInt(0);
                pos.put(items[a], a);
                g[a * n + a] = (float) top.get(a).getDouble(1);
            }
            Iterator<Row> pairs = c.pairs().toLocalIterator();
            while (pairs.hasNext()) {
                Row r = pairs.next();
                Integer a = pos.get(r.getInt(0));
                Integer bb = a == null ? null : pos.get(r.getInt(1));
                if (bb != null) {
                    g[a * n + bb] = (float) r.getDouble(2);
                }
            }
            return new Gram(items, g);
        } finally {
            c.release();
        }
    }

    /** Each row's {@code keepPerItem} largest weights by magnitude, re-indexed to movie indices. */
    private ItemNeighbours prune(float[] b, int[] items, int movies) {
        int n = items.length;
        int[][] neighbours = new int[movies][];
        float[][] weights = new float[movies][];
        int keep = Math.min(keepPerItem, Math.max(1, n - 1));
        TopK top = new TopK(keep);
        for (int a = 0; a < n; a++) {
            top.reset();
            for (int c = 0; c < n; c++) {
                if (c != a) {
                    top.offer(c, Math.abs(b[a * n + c]));
                }
            }
            int[] cols = top.items();
            int[] js = new int[cols.length];
            float[] ws = new float[cols.length];
            for (int x = 0; x < cols.length; x++) {
                js[x] = items[cols[x]];
                ws[x] = b[a * n + cols[x]];
            }
            neighbours[items[a]] = js;
            weights[items[a]] = ws;
        }
        return new ItemNeighbours(neighbours, weights);
    }

    /** Fitted, pruned B. */
    record Fitted(TrainingData data, dev.marquee.batch.recommend.GlobalRanking fallback, ItemNeighbours weights, int movies) implements FittedModel {
        @Override
        public Dataset<Row> recommend(Dataset<Row> users, int k) {
            return UserLists.of(data, users, weights, k, fallback);
        }

        @Override
        public java.util.Optional<FittedModel> appliedTo(TrainView everyone) {
            TrainingData to = everyone.data();
            return java.util.Optional.of(new Fitted(to, everyone.fallback(),
                    weights.reindexed(data.movieIndexIn(to), to.movies().length), movies));
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("movies", movies);
            m.put("weights", weights.size());
            return m;
        }
    }
}
