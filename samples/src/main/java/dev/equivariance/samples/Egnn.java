package dev.equivariance.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * An E(n)-equivariant graph network (Satorras, Hoogeboom and Welling, 2021) that moves the points of a cloud, as in
 * the paper's N-body and denoising experiments: coordinates {@code (batch, N, 3)} in, updated coordinates out.
 *
 * <p>Each point starts with one invariant scalar, its squared distance to the cloud's centroid, embedded into
 * {@code features} channels; then {@code layers} {@link EgnnLayer}s update coordinates and features together. The
 * output is equivariant under rotations and reflections (O(3)), translations, and permutations of the points (S(N)).
 */
public final class Egnn extends AbstractBlock {

    private final int features;
    private final Block embedding;
    private final List<EgnnLayer> layers = new ArrayList<>();

    /**
     * @param features width of the node features
     * @param hidden width of the messages
     * @param layers number of equivariant layers
     */
    public Egnn(int features, int hidden, int layers) {
        this.features = features;
        embedding = addChildBlock("embedding", Linear.builder().setUnits(features).build());
        for (int i = 0; i < layers; i++) {
            this.layers.add(addChildBlock("layer" + i, new EgnnLayer(features, hidden)));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray centred = x.sub(x.mean(new int[] {1}, true));
        NDArray radius2 = centred.square().sum(new int[] {2}, true);                  // (b, n, 1), invariant
        NDArray h = embedding.forward(parameterStore, new NDList(radius2), training).singletonOrThrow();
        NDList state = new NDList(x, h);
        for (EgnnLayer layer : layers) {
            state = layer.forward(parameterStore, state, training);
        }
        return new NDList(state.get(0));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        embedding.initialize(manager, dataType, new Shape(x.get(0), x.get(1), 1));
        Shape h = new Shape(x.get(0), x.get(1), features);
        for (EgnnLayer layer : layers) {
            layer.initialize(manager, dataType, x, h);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "Egnn(features=" + features + ", layers=" + layers.size() + ")";
    }
}
