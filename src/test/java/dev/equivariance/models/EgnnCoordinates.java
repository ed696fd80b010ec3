package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The coordinate update of an E(n)-equivariant graph network (EGNN, Satorras et al. 2021) on a fully connected
 * point cloud: {@code y_i = phi(|x_i|) x_i + sum_j psi(|x_i - x_j|^2) (x_i - x_j)}, with phi and psi small MLPs
 * (scalar in, scalar out). Input positions {@code (B, N, 3)}, output vectors {@code (B, N, 3)}.
 *
 * <p>Why it is equivariant: the MLPs only see norms, which every orthogonal R leaves unchanged, and their scalar
 * outputs multiply vectors ({@code x_i}, {@code x_i - x_j}) that turn with R, so {@code f(x R^T) = f(x) R^T} for all
 * of O(3) (an inversion flips every vector and leaves the scalars alone: the model is odd). The sum over j treats
 * all other points alike, so permuting the points permutes the outputs the same way: equivariant under
 * {@code O(3) x S(N)}. (The {@code phi(|x_i|) x_i} term refers to the origin, so the model is not translation
 * equivariant; the audit does not claim it.)
 *
 * <p>The broken twin applies ReLU to each coordinate of the output: clipping negative components is tied to the
 * coordinate axes, so a rotation of the input no longer rotates the output.
 */
public final class EgnnCoordinates extends AbstractBlock {

    private final boolean reluOnVectors;
    private final Block phi;
    private final Block psi;

    private EgnnCoordinates(int hidden, boolean reluOnVectors) {
        this.reluOnVectors = reluOnVectors;
        this.phi = addChildBlock("phi", mlp(hidden));
        this.psi = addChildBlock("psi", mlp(hidden));
    }

    /** The equivariant coordinate update with MLPs of width {@code hidden}. */
    public static Block build(int hidden) {
        return new EgnnCoordinates(hidden, false);
    }

    /** The broken twin: ReLU applied to every output coordinate. */
    public static Block withReluOnVectors(int hidden) {
        return new EgnnCoordinates(hidden, true);
    }

    private static Block mlp(int hidden) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(1).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        phi.initialize(manager, dataType, new Shape(s.get(0), s.get(1), 1));
        psi.initialize(manager, dataType, new Shape(s.get(0), s.get(1), s.get(1), 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                              // (B, N, 3)
        NDArray norm = x.square().sum(new int[] {-1}, true).sqrt();         // (B, N, 1)
        NDArray self = phi.forward(store, new NDList(norm), training).singletonOrThrow().mul(x);
        NDArray diff = x.expandDims(2).sub(x.expandDims(1));                // (B, N, N, 3): x_i - x_j
        NDArray dist2 = diff.square().sum(new int[] {-1}, true);            // (B, N, N, 1)
        NDArray pair = psi.forward(store, new NDList(dist2), training).singletonOrThrow().mul(diff).sum(new int[] {2});
        NDArray y = self.add(pair);
        return new NDList(reluOnVectors ? Activation.relu(y) : y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
