package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A convolution with a learned {@code (filters, Cin, k, k)} kernel and one bias per filter, zero-padded by k/2 on
 * every side (which commutes with quarter turns of a square grid, k odd); subclasses build the kernel they convolve
 * with from the learned one.
 */
abstract class SquareKernelConv extends AbstractBlock {

    final int filters;
    final int kernel;
    private final Parameter weight;
    private final Parameter bias;

    SquareKernelConv(int filters, int kernel) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("use an odd kernel size, so that the padding is symmetric; got "
                    + kernel);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optInitializer(new NormalInitializer(0.1f)).optShape(new Shape(filters)).build());
    }

    /** Convolves {@code x} given the learned kernel {@code w} and bias {@code b}. */
    abstract NDList convolve(NDArray x, NDArray w, NDArray b);

    /** The number of output channels. */
    abstract long outputChannels();

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel, kernel));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return convolve(x, store.getValue(weight, x.getDevice(), training), store.getValue(bias, x.getDevice(),
                training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outputChannels(), s.get(2), s.get(3))};
    }
}
