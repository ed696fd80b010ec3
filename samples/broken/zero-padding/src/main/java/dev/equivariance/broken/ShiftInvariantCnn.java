package dev.equivariance.broken;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * A classifier of periodic images {@code (batch, channels, H, W)} (e.g. textures on a torus, lattice
 * configurations): two 3x3 convolutions with ReLU, the average over the grid, a linear head. Meant to be invariant
 * under circular shifts of the grid.
 *
 * <p>THE BUG: the convolutions pad with zeros. Pixels at the border see zeros where a shifted image has its
 * wrapped-around neighbours, so a shift changes the border responses and with them the average. The fix: circular
 * padding (pad with the opposite edge, then convolve without padding).
 */
public final class ShiftInvariantCnn {

    private ShiftInvariantCnn() {
    }

    public static Block build(int channels, int classes) {
        SequentialBlock net = new SequentialBlock();
        for (int layer = 0; layer < 2; layer++) {
            net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(channels)
                            .optPadding(new Shape(1, 1)).build())
                    .add(Activation::relu);
        }
        return net.add(new LambdaBlock(ShiftInvariantCnn::averageOverGrid, "averageOverGrid"))
                .add(Linear.builder().setUnits(classes).build());
    }

    /** The mean over axes 2 and 3, taken over one flattened axis. */
    static NDList averageOverGrid(NDList in) {
        NDArray x = in.singletonOrThrow();
        Shape s = x.getShape();
        return new NDList(x.reshape(s.get(0), s.get(1), -1).mean(new int[] {2}));
    }
}
