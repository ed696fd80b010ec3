package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The lifting layer of a group-equivariant CNN (Cohen &amp; Welling 2016, "p4-CNN"): one learned k x k kernel per
 * (output field, input channel), correlated with the image in each of its four quarter-turned orientations. Input
 * {@code (B, Cin, H, W)} (plain images, {@code rot90(axes=(2,3))}), output {@code (B, 4 * fields, H, W)} (p4 feature
 * maps, {@code p4(axis=1, axes=(2,3))}): channel {@code c * 4 + r} is field c seen through the kernel turned r
 * times, so each field occupies four contiguous channels.
 *
 * <p>Why it is equivariant: let {@code K_r = rot90(K, r)} (numpy's orientation on the kernel's last two axes, the
 * same orientation the audit uses for the image). Correlating a turned image with {@code K_r} equals turning the
 * result of correlating the original image with the kernel turned back, {@code K_(r-1)}: so a quarter turn of the
 * input turns every output map and moves orientation r-1 to channel r, i.e. {@code y[r] = x[r-k]}, the regular
 * action the audit declares. Stacking the rotations in increasing r is therefore the matching order (stacking them
 * as {@code rot90(K, -r)} would need the inverse regular action). The zero padding of k/2 is the same on every side,
 * so it commutes with quarter turns of a square grid; the bias is shared by the four orientations of a field.
 *
 * <p>One broken twin uses the same unturned kernel for all four orientations: each output channel is an ordinary
 * convolution, which a turned image does not commute with unless the kernel happens to be symmetric.
 */
public final class C4LiftingConv extends SquareKernelConv {

    /** Quarter turns applied to the kernel per orientation step: 1 (equivariant), 0 (unturned) or -1 (wrong way). */
    private final int turnsPerStep;

    private C4LiftingConv(int fields, int kernel, int turnsPerStep) {
        super(fields, kernel);
        this.turnsPerStep = turnsPerStep;
    }

    /** The equivariant lifting convolution: {@code fields} p4 fields (4 channels each) from a k x k kernel. */
    public static Block equivariant(int fields, int kernel) {
        return new C4LiftingConv(fields, kernel, 1);
    }

    /** The broken twin: the kernel is not turned, all four orientation channels share the same kernel. */
    public static Block unrotatedKernel(int fields, int kernel) {
        return new C4LiftingConv(fields, kernel, 0);
    }

    /**
     * The other broken twin: orientation r uses the kernel turned r times the wrong way, {@code rot90(K, -r)}. The
     * output is then equivariant for the inverse regular action ({@code y[r] = x[r+k]}), so it agrees with the
     * declared p4 action for half turns but not for quarter turns.
     */
    public static Block counterRotatedKernel(int fields, int kernel) {
        return new C4LiftingConv(fields, kernel, -1);
    }

    @Override
    NDList convolve(NDArray x, NDArray w, NDArray b) {
        NDList turned = new NDList();
        for (int r = 0; r < 4; r++) {
            int times = Math.floorMod(turnsPerStep * r, 4);
            turned.add(times == 0 ? w : w.rotate90(times, new int[] {2, 3}));
        }
        Shape ws = w.getShape();
        // (fields, 4, Cin, k, k) -> (fields * 4, Cin, k, k): channel c * 4 + r
        NDArray lifted = NDArrays.stack(turned, 1).reshape(ws.get(0) * 4, ws.get(1), ws.get(2), ws.get(3));
        NDArray liftedBias = b.reshape(filters, 1).repeat(1, 4).reshape(filters * 4L);
        int p = kernel / 2;
        return Conv2d.conv2d(x, lifted, liftedBias, new Shape(1, 1), new Shape(p, p), new Shape(1, 1), 1);
    }

    @Override
    long outputChannels() {
        return filters * 4L;
    }
}
