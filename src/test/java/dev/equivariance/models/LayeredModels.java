package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Models for the layer-wise and gradient audits: where exactly they break is known. */
public final class LayeredModels {

    private LayeredModels() {
    }

    /**
     * A permutation-equivariant set network (B, n, d) -> (B, n, 4): Linear, ReLU, then a layer that adds a ramp over
     * the points when {@code broken} (which ties features to positions: the third layer breaks equivariance), then
     * Linear, ReLU, Linear.
     */
    public static Block setNetwork(boolean broken) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(Activation.reluBlock())
                .add(new LambdaBlock(list -> {
                    NDArray h = list.singletonOrThrow();
                    if (!broken) {
                        return new NDList(h.mul(2));
                    }
                    long n = h.getShape().get(1);
                    NDArray ramp = h.getManager().arange(0f, (float) n).reshape(1, n, 1).toType(h.getDataType(), false);
                    return new NDList(h.mul(2).add(ramp));
                }, broken ? "positionalRamp" : "double"))
                .add(Linear.builder().setUnits(8).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(4).build());
    }

    /**
     * An invariant set model whose forward pass is exactly {@code rho(sum_i phi(x_i))}, but which adds
     * {@code h(x) - stopGradient(h(x))} with a linear map h of the flattened set: zero in the forward pass, yet its
     * gradient is not permutation-invariant (the straight-through trick gone wrong).
     */
    public static Block straightThrough() {
        return new StraightThrough();
    }

    /** See {@link #straightThrough()}. */
    static final class StraightThrough extends AbstractBlock {
        private final Block phi = Linear.builder().setUnits(8).build();
        private final Block rho = Linear.builder().setUnits(1).build();
        private final Block h = Linear.builder().setUnits(1).build();

        StraightThrough() {
            addChildBlock("phi", phi);
            addChildBlock("rho", rho);
            addChildBlock("h", h);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray pooled = Activation.tanh(phi.forward(ps, new NDList(x), training).singletonOrThrow())
                    .sum(new int[] {1});
            NDArray y = rho.forward(ps, new NDList(pooled), training).singletonOrThrow();
            NDArray flat = x.reshape(x.getShape().get(0), -1);
            NDArray hx = h.forward(ps, new NDList(flat), training).singletonOrThrow();
            return new NDList(y.add(hx.sub(hx.stopGradient())));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
        }

        @Override
        protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... shapes) {
            Shape in = shapes[0];
            phi.initialize(manager, dataType, in);
            rho.initialize(manager, dataType, new Shape(in.get(0), 8));
            h.initialize(manager, dataType, new Shape(in.get(0), in.get(1) * in.get(2)));
        }
    }
}
