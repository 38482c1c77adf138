package dev.marquee.batch.rank;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import dev.marquee.batch.config.NeuralParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the scoring MLP on the driver with DJL (PyTorch engine): listwise softmax cross-entropy,
 * each list's taken candidate first, {@code loss = -log softmax(scores)[0]}, Adam, fixed seed.
 * Features are standardised with the training lists' mean and standard deviation.
 */
public final class ListwiseTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ListwiseTrainer.class);
    private static final float MIN_STD = 1e-3f;

    private ListwiseTrainer() {}

    /**
     * What training gave.
     *
     * @param weights the exported model
     * @param epochLosses mean loss per epoch
     * @param parity largest |DJL score - plain-Java score| on some training candidates
     * @param device what DJL trained on
     */
    public record Result(RankerWeights weights, float[] epochLosses, float parity, String device) {}

    /** Trains on {@code ex} (at least one list). */
    public static Result train(ListExamples ex, NeuralParams params) {
        int w = ex.width();
        int l = ex.listSize();
        float[] mean = new float[w];
        float[] std = new float[w];
        float[] x = standardised(ex, mean, std);
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) params.seed());
        List<Linear> layers = new ArrayList<>();
        SequentialBlock block = new SequentialBlock();
        for (int h : params.hidden()) {
            Linear layer = Linear.builder().setUnits(h).build();
            layers.add(layer);
            block.add(layer).add(Activation::relu);
        }
        Linear out = Linear.builder().setUnits(1).build();
        layers.add(out);
        block.add(out);
        float[] losses = new float[params.epochs()];
        try (Model model = Model.newInstance("marquee-neural", engine.defaultDevice(), "PyTorch")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(params.learningRate())).build())
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
                    .optDevices(new Device[] {engine.defaultDevice()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape((long) params.batchSize() * l, w));
                for (int e = 0; e < params.epochs(); e++) {
                    losses[e] = epoch(trainer, x, ex.lists(), l, w, params, e);
                    LOG.info("neural epoch {}/{}: listwise loss {} (uniform {})", e + 1, params.epochs(),
                            String.format(Locale.ROOT, "%.4f", losses[e]),
                            String.format(Locale.ROOT, "%.4f", Math.log(l)));
                }
                RankerWeights weights = export(layers, mean, std);
                float parity = parity(trainer, x, ex.x(), Math.min(ex.lists() * l, 256), w, weights);
                return new Result(weights, losses, parity, engine.defaultDevice().toString());
            }
        }
    }

    private static float[] standardised(ListExamples ex, float[] mean, float[] std) {
        int w = ex.width();
        int rows = ex.lists() * ex.listSize();
        double[] sum = new double[w];
        double[] sq = new double[w];
        float[] raw = ex.x();
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < w; k++) {
                double v = raw[r * w + k];
                sum[k] += v;
                sq[k] += v * v;
            }
        }
        for (int k = 0; k < w; k++) {
            mean[k] = (float) (sum[k] / rows);
            double var = Math.max(0, sq[k] / rows - (double) mean[k] * mean[k]);
            std[k] = var > (double) MIN_STD * MIN_STD ? (float) Math.sqrt(var) : 1f;
        }
        float[] x = new float[raw.length];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < w; k++) {
                x[r * w + k] = (raw[r * w + k] - mean[k]) / std[k];
            }
        }
        return x;
    }

    private static float epoch(Trainer trainer, float[] x, int lists, int l, int w, NeuralParams params, int epoch) {
        int[] order = new int[lists];
        Arrays.setAll(order, k -> k);
        Random random = new Random(params.seed() * 31 + epoch);
        for (int k = lists - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        int per = l * w;
        double total = 0;
        for (int from = 0; from < lists; from += params.batchSize()) {
            int b = Math.min(params.batchSize(), lists - from);
            float[] batch = new float[b * per];
            for (int n = 0; n < b; n++) {
                System.arraycopy(x, order[from + n] * per, batch, n * per, per);
            }
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray input = m.create(batch, new Shape((long) b * l, w));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray scores = trainer.forward(new NDList(input)).singletonOrThrow().reshape(b, l);
                    NDArray loss = scores.logSoftmax(1).get(":, 0").neg().mean();
                    gc.backward(loss);
                    total += loss.getFloat() * b;
                }
                trainer.step();
            }
        }
        return (float) (total / lists);
    }

    private static RankerWeights export(List<Linear> layers, float[] mean, float[] std) {
        float[][] weights = new float[layers.size()][];
        float[][] biases = new float[layers.size()][];
        for (int k = 0; k < layers.size(); k++) {
            weights[k] = layers.get(k).getParameters().get("weight").getArray().toFloatArray();
            biases[k] = layers.get(k).getParameters().get("bias").getArray().toFloatArray();
        }
        return new RankerWeights(mean, std, weights, biases);
    }

    /** Largest difference between DJL's scores and the JVM forward pass on {@code rows} candidates. */
    private static float parity(Trainer trainer, float[] x, float[] raw, int rows, int w, RankerWeights weights) {
        RankerWeights.Forward forward = weights.forward();
        float worst = 0f;
        try (NDManager m = trainer.getManager().newSubManager()) {
            float[] djl = trainer.evaluate(new NDList(m.create(Arrays.copyOf(x, rows * w), new Shape(rows, w))))
                    .singletonOrThrow().toFloatArray();
            float[] ours = new float[rows];
            forward.score(raw, rows, ours);
            for (int r = 0; r < rows; r++) {
                worst = Math.max(worst, Math.abs(ours[r] - djl[r]));
            }
        }
        return worst;
    }
}
