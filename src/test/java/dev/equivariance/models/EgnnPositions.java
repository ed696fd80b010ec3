package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The position update of an E(n)-equivariant graph network (EGNN, Satorras et al. 2021, eq. 4) on a fully connected
 * point cloud: {@code x_i' = x_i + 1/(N-1) sum_j (x_i - x_j) psi(|x_i - x_j|^2)}, with psi a small MLP. Input and
 * output positions {@code (B, N, 3)}.
 *
 * <p>Why it is E(3) x S(N) equivariant: psi only sees squared distances, which rigid motions keep; the differences
 * {@code x_i - x_j} turn with the O(3) part and ignore translations, and {@code x_i} itself moves with the whole
 * motion, so {@code f(x R^T + t) = f(x) R^T + t}, inversion included. The sum over j treats all other points alike,
 * so permuting the points permutes the outputs.
 *
 * <p>The broken twin applies ReLU to each output coordinate: clipping at zero is tied to the coordinate axes and to
 * the origin, so neither rotations nor translations commute with it.
 */
public final class EgnnPositions extends AbstractBlock {

    private final boolean reluOnCoordinates;
    private final Block psi;

    private EgnnPositions(int hidden, boolean reluOnCoordinates) {
        this.reluOnCoordinates = reluOnCoordinates;
        this.psi = addChildBlock("psi", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(1).build()));
    }

    /** The equivariant update with an MLP of width {@code hidden}. */
    public static Block build(int hidden) {
        return new EgnnPositions(hidden, false);
    }

    /** The broken twin: ReLU on every output coordinate. */
    public static Block withReluOnCoordinates(int hidden) {
        return new EgnnPositions(hidden, true);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        psi.initialize(manager, dataType, new Shape(s.get(0), s.get(1), s.get(1), 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                              // (B, N, 3)
        long n = x.getShape().get(1);
        NDArray diff = x.expandDims(2).sub(x.expandDims(1));                // (B, N, N, 3): x_i - x_j
        NDArray dist2 = diff.square().sum(new int[] {-1}, true);            // (B, N, N, 1)
        NDArray messages = psi.forward(store, new NDList(dist2), training).singletonOrThrow().mul(diff);
        NDArray y = x.add(messages.sum(new int[] {2}).div(Math.max(1, n - 1)));
        return new NDList(reluOnCoordinates ? Activation.relu(y) : y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
