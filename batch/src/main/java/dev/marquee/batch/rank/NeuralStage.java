package dev.marquee.batch.rank;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import com.typesafe.config.Config;
import dev.marquee.batch.config.NeuralParams;
import dev.marquee.batch.models.FittedModel;
import dev.marquee.batch.models.SecondStage;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The neural ranker as a {@link SecondStage} named {@value #NAME}: it learns which of the first
 * stages' proposals users take next. Candidates are the union of every source's top M per user;
 * features are each source's rank and score, the movie's recent and all-time interaction counts
 * and age, and the user's history length and recency ({@link Features}). Training lists come from
 * the {@code earlier} sources for a sample of the target users, the label being "in the user's
 * targets", with a listwise softmax loss ({@link ListwiseTrainer}, DJL on the driver); the fitted
 * model ranks the {@code now} sources inside Spark partitions ({@link NeuralFitted}).
 */
public final class NeuralStage implements SecondStage {
    /** Its name in config ({@code marquee.batch.models.neural}) and reports. */
    public static final String NAME = "neural";
    private static final Logger LOG = LoggerFactory.getLogger(NeuralStage.class);
    private static final long SAMPLE_BUCKETS = 1_000_000L;
    private final NeuralParams params;

    public NeuralStage(NeuralParams params) {
        this.params = params;
    }

    /** From the section {@code marquee.batch.models.neural}. */
    public NeuralStage(Config section) {
        this(NeuralParams.from(section));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FittedModel fit(Stage earlier, Dataset<Row> targets, Stage now) {
        long start = System.nanoTime();
        List<String> sources = List.copyOf(earlier.sources().keySet());
        Dataset<Row> users = targets.select("user").distinct();
        long all = users.count();
        if (all > params.maxTrainUsers()) {
            long keep = Math.max(1, SAMPLE_BUCKETS * params.maxTrainUsers() / all);
            users = users.filter(pmod(xxhash64(col("user"), lit(params.seed())), lit(SAMPLE_BUCKETS)).lt(keep));
        }
        Dataset<Row> taken = targets.join(users, "user").groupBy("user").agg(collect_set(col("movie")).as("targets"));
        Dataset<Row> pool = CandidatePool.of(earlier, sources, taken.select("user"), params.candidatesPerSource())
                .join(taken, "user");
        Features features = new Features(sources.size(), params.candidatesPerSource(), MovieStats.of(earlier.view()));
        ListExamples ex = ListExamples.draw(pool, features, params);
        long drawn = System.nanoTime();
        LOG.info("neural: {} training lists of {} candidates x {} features from {} users who took a candidate, "
                + "of {} target users (about {} sampled; sources {}, M={}), {} ms", ex.lists(), ex.listSize(),
                ex.width(), ex.users(), all, Math.min(all, params.maxTrainUsers()), sources,
                params.candidatesPerSource(), (drawn - start) / 1_000_000);
        if (ex.lists() == 0) {
            LOG.warn("neural: no target user took one of its candidates: nothing to learn, ranking by "
                    + "reciprocal-rank fusion of the sources");
            return new NeuralFitted(now, sources, params, null,
                    new TrainingReport(all, 0, 0, 0, new float[0], (drawn - start) / 1_000_000, 0, 0f, "none"));
        }
        ListwiseTrainer.Result r = ListwiseTrainer.train(ex, params);
        long trained = System.nanoTime();
        TrainingReport report = new TrainingReport(all, ex.users(), ex.lists(), r.weights().parameters(),
                r.epochLosses(), (drawn - start) / 1_000_000, (trained - drawn) / 1_000_000, r.parity(), r.device());
        LOG.info("neural trained: {}; features {}", report, features.names(sources));
        return new NeuralFitted(now, sources, params, r.weights(), report);
    }
}
