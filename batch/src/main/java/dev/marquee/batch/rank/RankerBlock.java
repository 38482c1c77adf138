package dev.marquee.batch.rank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The DJL model: inputs {@code (userBucket int64 [B], movie int64 [B], dense float32 [B, F])},
 * output one logit per pair {@code [B, 1]}.
 */
final class RankerBlock extends AbstractBlock {
    private final Parameter userEmbedding;
    private final Parameter movieEmbedding;
    private final List<Linear> layers;
    private final SequentialBlock mlp;
    private final int dim;
    private final int denseWidth;

    RankerBlock(int userBuckets, int movies, int dim, int denseWidth, int hidden) {
        super((byte) 1);
        this.dim = dim;
        this.denseWidth = denseWidth;
        this.userEmbedding = addParameter(Parameter.builder().setName("userEmbedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(userBuckets, dim)).build());
        this.movieEmbedding = addParameter(Parameter.builder().setName("movieEmbedding")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(movies, dim)).build());
        this.layers = List.of(Linear.builder().setUnits(hidden).build(), Linear.builder().setUnits(hidden / 2).build(),
                Linear.builder().setUnits(1).build());
        this.mlp = addChildBlock("mlp", new SequentialBlock()
                .add(layers.get(0)).add(Activation::relu)
                .add(layers.get(1)).add(Activation::relu)
                .add(layers.get(2)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray users = inputs.get(0);
        NDArray u = Embedding.embedding(users, store.getValue(userEmbedding, users.getDevice(), training),
                SparseFormat.DENSE).singletonOrThrow();
        NDArray m = Embedding.embedding(inputs.get(1), store.getValue(movieEmbedding, users.getDevice(), training),
                SparseFormat.DENSE).singletonOrThrow();
        NDArray x = NDArrays.concat(new NDList(u, m, inputs.get(2)), 1);
        return mlp.forward(store, new NDList(x), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        mlp.initialize(manager, dataType, new Shape(inputShapes[0].get(0), 2L * dim + denseWidth));
    }

    /** Copies the trained parameters out of native memory. */
    RankerWeights export() {
        float[][] weights = new float[layers.size()][];
        float[][] biases = new float[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            weights[l] = layers.get(l).getParameters().get("weight").getArray().toFloatArray();
            biases[l] = layers.get(l).getParameters().get("bias").getArray().toFloatArray();
        }
        return new RankerWeights(dim, userEmbedding.getArray().toFloatArray(), movieEmbedding.getArray().toFloatArray(),
                weights, biases);
    }
}
