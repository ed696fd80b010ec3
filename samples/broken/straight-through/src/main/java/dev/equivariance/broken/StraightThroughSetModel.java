package dev.equivariance.broken;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A set model {@code (batch, elements, 3) -> (batch, 1)}: {@code rho(sum_i tanh(phi(x_i)))}, plus a
 * straight-through term {@code h(x) - stopGradient(h(x))} from an auxiliary head h (the pattern used to pass
 * gradients through quantisation or to inject a surrogate gradient).
 *
 * <p>The term is zero, so the forward pass is exactly permutation-invariant and an end-to-end audit passes. THE BUG:
 * its gradient is the gradient of h, and h reads the flattened set, element order included. Training on a reordered
 * set therefore moves the parameters differently. The fix: build the surrogate from invariant features (the pooled
 * sum), like the rest of the model.
 */
public final class StraightThroughSetModel extends AbstractBlock {

    private final Block phi = Linear.builder().setUnits(8).build();
    private final Block rho = Linear.builder().setUnits(1).build();
    private final Block h = Linear.builder().setUnits(1).build();

    public StraightThroughSetModel() {
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
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        phi.initialize(manager, dataType, in);
        rho.initialize(manager, dataType, new Shape(in.get(0), 8));
        h.initialize(manager, dataType, new Shape(in.get(0), in.get(1) * in.get(2)));
    }
}
