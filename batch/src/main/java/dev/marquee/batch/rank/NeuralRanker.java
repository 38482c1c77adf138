package dev.marquee.batch.rank;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the ranker on the driver with DJL (PyTorch engine; a CUDA native on the classpath is
 * picked when a GPU is present): pointwise binary cross-entropy, label 1 for a candidate the user
 * interacted with after ALS was fitted (held out), label 0 for sampled other candidates, Adam,
 * fixed seed. Examples are drawn inside Spark partitions; only they reach the driver.
 */
public final class NeuralRanker {
    private static final Logger LOG = LoggerFactory.getLogger(NeuralRanker.class);

    private NeuralRanker() {}

    /**
     * @param candidates {@link Candidates#SCHEMA} from an ALS model that did not see {@code positives}
     * @param positives {@code user(long), movie(string)}: held-out interactions
     * @param userStats {@link RankFeatures#userStats} rows {@code user, interactions, meanRating}
     */
    public static TrainedRanker train(SparkSession spark, Dataset<Row> candidates, Dataset<Row> positives,
            Dataset<Row> userStats, RankFeatures features, RankerParams params) {
        long start = System.nanoTime();
        Dataset<Row> joined = candidates
                .join(positives.groupBy("user").agg(collect_set(col("movie")).as("positives")), "user")
                .join(userStats, new String[] {"user"}, "left");
        long users = joined.count();
        if (users > params.maxTrainUsers()) {
            long keep = params.maxTrainUsers() * 1_000_000L / users;
            joined = joined.filter(pmod(xxhash64(col("user"), lit(params.seed())), lit(1_000_000L)).lt(keep));
        }
        Examples examples = Examples.draw(joined, features, params);
        long drawn = System.nanoTime();
        LOG.info("ranker examples: {} ({} positives) from {} users with held-out interactions, {} ms", examples.size(),
                examples.positives(), users, (drawn - start) / 1_000_000);
        if (examples.positives() == 0) {
            throw new IllegalStateException("no held-out interaction is among the candidates: nothing to learn");
        }
        float[] losses = new float[params.epochs()];
        RankerWeights weights;
        float parity;
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) params.seed());
        try (Model model = Model.newInstance("marquee-ranker", engine.defaultDevice(), "PyTorch")) {
            RankerBlock block = new RankerBlock(params.userBuckets(), features.movies().length, params.embeddingDim(),
                    features.width(), params.hidden());
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(params.learningRate())).build())
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
                    .optInitializer(new NormalInitializer(0.05f), p -> p.getName().endsWith("Embedding"))
                    .optDevices(new ai.djl.Device[] {engine.defaultDevice()});
            try (Trainer trainer = model.newTrainer(config)) {
                int b = params.batchSize();
                trainer.initialize(new Shape(b), new Shape(b), new Shape(b, features.width()));
                for (int e = 0; e < params.epochs(); e++) {
                    losses[e] = epoch(trainer, examples, params, e);
                    LOG.info("ranker epoch {}: loss {}", e + 1, String.format("%.5f", losses[e]));
                }
                weights = block.export();
                parity = parity(trainer, examples, weights);
            }
        }
        long trained = System.nanoTime();
        TrainingReport report = new TrainingReport(users, examples.size(), examples.positives(), losses,
                (drawn - start) / 1_000_000, (trained - drawn) / 1_000_000, parity, engine.defaultDevice().toString());
        LOG.info("ranker trained: {}", report);
        return new TrainedRanker(weights, features, userStats, params, report);
    }

    private static float epoch(Trainer trainer, Examples ex, RankerParams params, int epoch) {
        int n = ex.size();
        int[] order = new int[n];
        Arrays.setAll(order, k -> k);
        Random random = new Random(params.seed() * 31 + epoch);
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        double total = 0;
        for (int from = 0; from < n; from += params.batchSize()) {
            int[] idx = Arrays.copyOfRange(order, from, Math.min(n, from + params.batchSize()));
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDList inputs = ex.batch(m, idx);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(inputs).singletonOrThrow();
                    NDArray loss = trainer.getLoss().evaluate(new NDList(ex.labels(m, idx)), new NDList(logits));
                    gc.backward(loss);
                    total += loss.getFloat() * idx.length;
                }
                trainer.step();
            }
        }
        return (float) (total / n);
    }

    /** Largest difference between DJL's logits and the plain-Java forward pass on some examples. */
    private static float parity(Trainer trainer, Examples ex, RankerWeights weights) {
        int[] idx = new int[Math.min(ex.size(), 256)];
        Arrays.setAll(idx, k -> k);
        RankerWeights.Forward forward = weights.forward();
        float worst = 0f;
        try (NDManager m = trainer.getManager().newSubManager()) {
            float[] djl = trainer.evaluate(ex.batch(m, idx)).singletonOrThrow().toFloatArray();
            for (int k = 0; k < idx.length; k++) {
                float java = forward.score(ex.bucket(k), ex.movie(k), ex.dense(), k * ex.width());
                worst = Math.max(worst, Math.abs(java - djl[k]));
            }
        }
        return worst;
    }
}
