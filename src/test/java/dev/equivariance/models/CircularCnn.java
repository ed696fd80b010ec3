package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * A small image classifier: two 3x3 convolutions with ReLU, global average pooling over the grid, a linear head.
 * Input {@code (B, C, H, W)}, output {@code (B, classes)}.
 *
 * <p>With circular (wrap-around) padding every convolution commutes with circular shifts of the grid, and the
 * global average is unchanged by them, so the logits are invariant under {@code Z(H) x Z(W)} acting by
 * {@code roll(axes=(2,3))}. With zero padding the pixels near the border see zeros where a rolled image has its
 * wrapped-around neighbours, so a shift changes the border responses and with them the average: not invariant.
 */
public final class CircularCnn {

    private CircularCnn() {
    }

    /** Circular padding before each unpadded convolution: exactly invariant to circular shifts. */
    public static Block circular(int channels, int classes) {
        return build(channels, classes, true);
    }

    /** The same network with the convolutions' own zero padding: shifts change the border, invariance breaks. */
    public static Block zeroPadded(int channels, int classes) {
        return build(channels, classes, false);
    }

    private static Block build(int channels, int classes, boolean circular) {
        SequentialBlock net = new SequentialBlock();
        for (int layer = 0; layer < 2; layer++) {
            if (circular) {
                net.add(new LambdaBlock(list -> new NDList(circularPad(list.singletonOrThrow(), 1)), "circularPad"));
            }
            Conv2d.Builder conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(channels);
            if (!circular) {
                conv.optPadding(new Shape(1, 1));
            }
            net.add(conv.build()).add(Activation::relu);
        }
        return net
                .add(new LambdaBlock(list -> new NDList(globalAveragePool(list.singletonOrThrow())),
                        "globalAveragePool"))
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * The mean over the grid axes 2 and 3, taken over one flattened axis: the PyTorch engine's {@code mean(int[])}
     * accepts a single axis only.
     */
    public static NDArray globalAveragePool(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
    }

    /**
     * Pads the last two axes of {@code x} by {@code p} on each side with the values from the opposite edge (what
     * torch calls {@code padding_mode="circular"}); DJL has no such op, so it is built from slices and concat.
     */
    public static NDArray circularPad(NDArray x, int p) {
        long h = x.getShape().get(2);
        NDArray rows = NDArrays.concat(new NDList(
                x.get(new NDIndex(":, :, {}:, :", h - p)), x, x.get(new NDIndex(":, :, :{}, :", p))), 2);
        long w = rows.getShape().get(3);
        return NDArrays.concat(new NDList(
                rows.get(new NDIndex(":, :, :, {}:", w - p)), rows, rows.get(new NDIndex(":, :, :, :{}", p))), 3);
    }
}
