package dev.equivariance.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * A small p4 group CNN (Cohen and Welling, 2016) for square single-channel images, e.g. 9x9 digits.
 *
 * <pre>
 *   image (b, 1, H, W)
 *     -&gt; P4LiftingConv   (b, 4 * fields, H, W)   lifts to rotations: equivariant
 *     -&gt; ReLU                                       pointwise: keeps equivariance
 *     -&gt; P4GroupConv     (b, 4 * fields, H, W)   p4 -&gt; p4: equivariant
 *     -&gt; ReLU
 *     -&gt; rotation pool   (b, fields)               mean over space, max over the 4 rotations: invariant
 *     -&gt; Linear          (b, classes)
 * </pre>
 * Turning the image by a multiple of 90 degrees leaves the class scores unchanged.
 */
public final class P4GroupCnn {

    private P4GroupCnn() {
    }

    /** Just the lifting layer: image to p4 feature maps. */
    public static Block liftingLayer(int fields, int kernel) {
        return new SequentialBlock().add(new P4LiftingConv(fields, kernel));
    }

    /** The equivariant feature extractor: lifting, group convolution, pointwise nonlinearities. */
    public static Block features(int fields, int kernel) {
        return new SequentialBlock()
                .add(new P4LiftingConv(fields, kernel))
                .add(Activation::relu)
                .add(new P4GroupConv(fields, kernel))
                .add(Activation::relu);
    }

    /** The rotation-invariant classifier: features, invariant pooling, a linear read-out. */
    public static Block classifier(int fields, int kernel, int classes) {
        return new SequentialBlock()
                .add(features(fields, kernel))
                .add(new LambdaBlock(P4GroupCnn::rotationInvariantPool, "rotationInvariantPool"))
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * Pools p4 feature maps to rotation-invariant features: the spatial mean of each map is unchanged by a turn of
     * the grid, and the maximum over a field's four rotation channels is unchanged by their cyclic shift.
     * {@code (b, fields * 4, H, W) -> (b, fields)}.
     */
    static NDList rotationInvariantPool(NDList input) {
        NDArray x = input.singletonOrThrow();
        long batch = x.getShape().get(0);
        NDArray perMap = x.mean(new int[] {3}).mean(new int[] {2});
        return new NDList(perMap.reshape(batch, -1, 4).max(new int[] {2}));
    }
}
