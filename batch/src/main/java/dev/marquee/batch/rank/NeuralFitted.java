package dev.marquee.batch.rank;

import dev.marquee.batch.config.NeuralParams;
import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.models.SecondStage;
import dev.marquee.batch.recommend.Partitions;
import dev.marquee.batch.recommend.TopK;
import dev.marquee.batch.recommend.TopNRecommender;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The trained ranker over the sources of {@code now}: builds each user's candidates and features
 * from them and from {@code now}'s view, scores them inside Spark partitions with the broadcast
 * weights (the candidates of a block of users through each layer at once), and keeps the best K. Users no source proposes anything to are left out.
 *
 * @param now the sources ranked and their view
 * @param sources source names in feature order
 * @param params the settings ({@code candidatesPerSource})
 * @param weights the trained model; {@code null} when there was nothing to learn from, then candidates are
 *     ranked by reciprocal-rank fusion of the sources' lists
 * @param report what training did
 */
public record NeuralFitted(SecondStage.Stage now, List<String> sources, NeuralParams params, RankerWeights weights,
        TrainingReport report) implements FittedModel {
    /** Reciprocal-rank fusion's damping: score = sum over sources of 1 / (RRF_K + rank). */
    static final float RRF_K = 60f;

    @Override
    public Dataset<Row> recommend(Dataset<Row> users, int k) {
        Dataset<Row> pool = CandidatePool.of(now, sources, users.select("user").distinct(),
                params.candidatesPerSource());
        Features features = new Features(sources.size(), params.candidatesPerSource(), MovieStats.of(now.view()));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(users.sparkSession().sparkContext());
        Broadcast<Scorer> scorer = jsc.broadcast(new Scorer(features, weights));
        MapPartitionsFunction<Row, Row> f = it -> partition(it, scorer.value(), k);
        return pool.mapPartitions(f, Encoders.row(TopNRecommender.SCHEMA));
    }

    /** What executors need. */
    private record Scorer(Features features, RankerWeights weights) implements Serializable {}

    /** Users per block: their candidates' features stacked into one matrix, each ranker layer one multiply. */
    static final int USERS_PER_BLOCK = 64;

    private static Iterator<Row> partition(Iterator<Row> rows, Scorer scorer, int k) {
        RankerWeights.Forward forward = scorer.weights() == null ? null : scorer.weights().forward();
        int w = scorer.features().width();
        int sources = scorer.features().sources();
        TopK top = new TopK(k);
        return Partitions.blocks(rows, USERS_PER_BLOCK, block -> {
            List<Features.UserCandidates> users = new ArrayList<>(block.size());
            int candidates = 0;
            for (Row row : block) {
                Features.UserCandidates c = scorer.features().extract(row);
                users.add(c);
                candidates += c.movies().size();
            }
            float[] x = new float[candidates * w];
            int at = 0;
            for (Features.UserCandidates c : users) {
                System.arraycopy(c.x(), 0, x, at * w, c.x().length);
                at += c.movies().size();
            }
            float[] scores = new float[candidates];
            if (forward != null) {
                forward.score(x, candidates, scores);
            } else {
                for (int n = 0; n < candidates; n++) {
                    scores[n] = fused(x, n * w, sources);
                }
            }
            List<Row> out = new ArrayList<>(users.size());
            at = 0;
            for (Features.UserCandidates c : users) {
                top.reset();
                for (int n = 0; n < c.movies().size(); n++) {
                    top.offer(n, scores[at + n]);
                }
                at += c.movies().size();
                out.add(row(c, top));
            }
            return out;
        });
    }

    private static Row row(Features.UserCandidates c, TopK top) {
        int[] best = top.items();
        float[] scores = top.scores();
        List<String> names = new ArrayList<>(best.length);
        List<Float> values = new ArrayList<>(best.length);
        for (int n = 0; n < best.length; n++) {
            names.add(c.movies().get(best[n]));
            values.add(scores[n]);
        }
        return RowFactory.create(c.user(), CollectionConverters.asScala(names).toSeq(),
                CollectionConverters.asScala(values).toSeq());
    }

    /** Reciprocal-rank fusion from the raw features (proposed flag and log(1 + rank) per source). */
    private static float fused(float[] x, int offset, int sources) {
        float s = 0f;
        for (int k = 0; k < sources; k++) {
            int o = offset + Features.PER_SOURCE * k;
            s += x[o] * (1f / (RRF_K + (float) Math.expm1(x[o + 1])));
        }
        return s;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sources", sources);
        m.put("candidatesPerSource", params.candidatesPerSource());
        m.put("hidden", params.hidden());
        m.put("training", report.describe());
        return m;
    }
}
