package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Planar vectors {@code (B, N, 2)} through norm gate, point mix, norm gate: exactly SO(2)-equivariant (norms are
 * invariant, gates scale vectors, the mix combines points, not coordinates). Its broken twin's mix adds a bias to
 * every coordinate, a fixed vector that does not turn with the input: the second layer breaks equivariance.
 */
public final class PlanarVectorGate {

    /** The number of points. */
    public static final int POINTS = 5;

    private PlanarVectorGate() {
    }

    public static Block equivariant() {
        return build(false);
    }

    /** The twin whose point mix has a bias (layer {@code 02PointMix}). */
    public static Block biasedMix() {
        return build(true);
    }

    private static Block build(boolean biased) {
        return new SequentialBlock()
                .add(new NormGate())
                .add(new PointMix(biased))
                .add(new NormGate());
    }

    /** x * sigmoid(a |x| + b) per point: a gate from the invariant norm. */
    static final class NormGate extends AbstractBlock {
        private final Block gate = Linear.builder().setUnits(1).build();

        NormGate() {
            addChildBlock("gate", gate);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray norm = x.square().sum(new int[] {2}, true).sqrt();
            NDArray g = Activation.sigmoid(gate.forward(ps, new NDList(norm), training).singletonOrThrow());
            return new NDList(x.mul(g));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }

        @Override
        public void initializeChildBlocks(ai.djl.ndarray.NDManager manager, ai.djl.ndarray.types.DataType dataType,
                                          Shape... inputShapes) {
            Shape s = inputShapes[0];
            gate.initialize(manager, dataType, new Shape(s.get(0), s.get(1), 1));
        }
    }

    /** y_i = sum_j W_ij x_j over the points (plus a bias on every coordinate when broken). */
    static final class PointMix extends AbstractBlock {
        private final Block mix;

        PointMix(boolean biased) {
            mix = Linear.builder().setUnits(POINTS).optBias(biased).build();
            addChildBlock("mix", mix);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow().transpose(0, 2, 1);
            NDArray y = mix.forward(ps, new NDList(x), training).singletonOrThrow();
            return new NDList(y.transpose(0, 2, 1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }

        @Override
        public void initializeChildBlocks(ai.djl.ndarray.NDManager manager, ai.djl.ndarray.types.DataType dataType,
                                          Shape... inputShapes) {
            Shape s = inputShapes[0];
            mix.initialize(manager, dataType, new Shape(s.get(0), s.get(2), s.get(1)));
        }
    }
}
