package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A convolution whose kernels are invariant under quarter turns: the learned kernel is averaged over its four
 * orientations on every forward pass (a weight-tied, steerable parametrisation). Correlating with a C4-invariant
 * kernel commutes with turning the image, so a stack of these with point-wise nonlinearities is a C4-equivariant CNN
 * whose feature maps all turn with the input ({@code rot90(axes=(2,3))}, channels untouched).
 */
public final class IsotropicConv extends SquareKernelConv {

    private IsotropicConv(int channels, int kernel) {
        super(channels, kernel);
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
    NDList convolve(NDArray x, NDArray w, NDArray b) {
        NDArray sum = w;
        for (int r = 1; r < 4; r++) {
            sum = sum.add(w.rotate90(r, new int[] {2, 3}));
        }
        int p = kernel / 2;
        return Conv2d.conv2d(x, sum.div(4), b, new Shape(1, 1), new Shape(p, p), new Shape(1, 1), 1);
    }

    @Override
    long outputChannels() {
        return filters;
    }
}
