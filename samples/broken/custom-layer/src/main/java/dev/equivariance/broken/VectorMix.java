package dev.equivariance.broken;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A custom layer on vector channels {@code (batch, channels, 3)}: output channel d is a learned combination of the
 * input channels, {@code y_d = sum_c W_dc x_c + b_d}.
 *
 * <p>THE BUG: the bias {@code b_d} is a fixed 3-vector. Mixing channels commutes with rotations, adding a fixed
 * direction does not (a rotated input gets the same unrotated bias). A vector layer may have no bias; the fix is
 * to drop it (or to add it to invariant features only).
 */
public final class VectorMix extends AbstractBlock {

    private final int channels;
    private final Parameter weight;
    private final Parameter bias;

    public VectorMix(int channels) {
        this.channels = channels;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        // Not the zero a fresh bias starts from: the value a bias has after some training.
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optInitializer(new NormalInitializer(0.5f)).build());
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(channels, inputShapes[0].get(1)));
        bias.setShape(new Shape(channels, 3));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                                   // (B, C, 3)
        NDArray w = ps.getValue(weight, x.getDevice(), training);                // (D, C)
        NDArray b = ps.getValue(bias, x.getDevice(), training);                  // (D, 3)
        return new NDList(w.matMul(x).add(b));                                   // (B, D, 3)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), channels, 3)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
