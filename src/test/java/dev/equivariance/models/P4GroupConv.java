package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A p4 group convolution (Cohen &amp; Welling 2016): p4 feature maps {@code (B, 4 * inFields, H, W)} to p4 feature
 * maps {@code (B, 4 * fields, H, W)}, channel {@code c * 4 + r} holding rotation r of field c (the layout of
 * {@link C4LiftingConv}). The learned kernel is {@code (fields, inFields, 4, k, k)}.
 *
 * <p>Why it is equivariant: a quarter turn of the input turns every map and moves input rotation s to s + 1, so the
 * filter for output rotation r must be the kernel turned r times <em>and</em> with its input-rotation axis shifted
 * cyclically by r (slice s takes the kernel's slice s - r). The broken twin turns the kernel but forgets the shift:
 * the layer then mixes the rotation channels in a fixed order that a turn does not move with it. The TorchScript
 * twins are {@code p4_net.pt} and {@code p4_net_no_channel_shift.pt}.
 */
public final class P4GroupConv extends AbstractBlock {

    private final int fields;
    private final int kernel;
    private final boolean shift;
    private final Parameter weight;
    private final Parameter bias;

    private P4GroupConv(int fields, int kernel, boolean shift) {
        this.fields = fields;
        this.kernel = kernel;
        this.shift = shift;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optInitializer(new NormalInitializer(0.1f)).optShape(new Shape(fields)).build());
    }

    /** The equivariant group convolution. */
    public static Block equivariant(int fields, int kernel) {
        return new P4GroupConv(fields, kernel, true);
    }

    /** The broken twin: the kernels are turned, but their rotation channels are not shifted. */
    public static Block forgetsChannelShift(int fields, int kernel) {
        return new P4GroupConv(fields, kernel, false);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(fields, inputShapes[0].get(1) / 4, 4, kernel, kernel));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        long inFields = w.getShape().get(1);
        NDList filters = new NDList(4);
        for (int r = 0; r < 4; r++) {
            NDArray shifted = r == 0 || !shift ? w : NDArrays.concat(new NDList(
                    w.get(new NDIndex(":, :, {}:", 4 - r)), w.get(new NDIndex(":, :, :{}", 4 - r))), 2);
            filters.add(r == 0 ? shifted : shifted.rotate90(r, new int[] {3, 4}));
        }
        NDArray kernels = NDArrays.stack(filters, 1).reshape(fields * 4L, inFields * 4, kernel, kernel);
        NDArray biases = b.reshape(fields, 1).repeat(1, 4).reshape(fields * 4L);
        int pad = kernel / 2;
        return Conv2d.conv2d(x, kernels, biases, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), fields * 4L, s.get(2), s.get(3))};
    }
}
