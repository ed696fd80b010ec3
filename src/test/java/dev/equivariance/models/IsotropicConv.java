package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A convolution whose kernels are invariant under quarter turns: the learned kernel is averaged over its four
 * orientations on every forward pass (a weight-tied, steerable parametrisation). Correlating with a C4-invariant
 * kernel commutes with turning the image, so a stack of these with point-wise nonlinearities is a C4-equivariant CNN
 * whose feature maps all turn with the input ({@code rot90(axes=(2,3))}, channels untouched). The zero padding of k/2
 * is the same on every side of a square grid, so it commutes with quarter turns too.
 */
public final class IsotropicConv extends AbstractBlock {

    private final int channels;
    private final int kernel;
    private final Parameter weight;
    private final Parameter bias;

    private IsotropicConv(int channels, int kernel) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("use an odd kernel size, so that the padding is symmetric; got "
                    + kernel);
        }
        this.channels = channels;
        this.kernel = kernel;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optInitializer(new NormalInitializer(0.1f)).optShape(new Shape(channels)).build());
    }

    /** One layer with {@code channels} output channels and k x k kernels. */
    public static Block layer(int channels, int kernel) {
        return new IsotropicConv(channels, kernel);
    }

    /** {@code depth} layers of {@code channels} 3x3 isotropic kernels, each followed by a ReLU. */
    public static Block network(int depth, int channels) {
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < depth; i++) {
            net.add(layer(channels, 3)).add(Activation.reluBlock());
        }
        return net;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(channels, inputShapes[0].get(1), kernel, kernel));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        NDArray sum = w;
        for (int r = 1; r < 4; r++) {
            sum = sum.add(w.rotate90(r, new int[] {2, 3}));
        }
        int p = kernel / 2;
        return Conv2d.conv2d(x, sum.div(4), b, new Shape(1, 1), new Shape(p, p), new Shape(1, 1), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), channels, s.get(2), s.get(3))};
    }
}
