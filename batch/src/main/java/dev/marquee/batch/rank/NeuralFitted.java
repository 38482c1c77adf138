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
 * weights, and keeps the best K. Users no source proposes anything to are left out.
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

    private static Iterator<Row> partition(Iterator<Row> rows, Scorer scorer, int k) {
        RankerWeights.Forward forward = scorer.weights() == null ? null : scorer.weights().forward();
        int w = scorer.features().width();
        int sources = scorer.features().sources();
        TopK top = new TopK(k);
        return Partitions.map(rows, row -> {
            Features.UserCandidates c = scorer.features().extract(row);
            top.reset();
            for (int n = 0; n < c.movies().size(); n++) {
                top.offer(n, forward != null ? forward.score(c.x(), n * w) : fused(c.x(), n * w, sources));
            }
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
        });
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
