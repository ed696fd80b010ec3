package dev.equivariance.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The lifting convolution of a p4 group CNN (Cohen and Welling, 2016): it correlates a plain image with one learned
 * kernel in each of its four orientations, so the output has a feature map per (field, rotation).
 *
 * <p>Input {@code (batch, inChannels, H, W)}; output {@code (batch, fields * 4, H, W)} where channel
 * {@code c * 4 + r} is field {@code c} seen through the kernel turned by {@code r} quarter turns. Rotating the input
 * image by one quarter turn rotates every output map by one quarter turn and moves rotation {@code r} to
 * {@code r + 1 (mod 4)} within each field: the output carries the regular representation of C4 on its channels.
 * The kernel size is odd and the padding is {@code k / 2}, so the turn is about the centre pixel of a square image.
 */
public final class P4LiftingConv extends AbstractBlock {

    private final int fields;
    private final int kernel;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param fields number of output fields (each becomes 4 channels, one per rotation)
     * @param kernel odd kernel size
     */
    public P4LiftingConv(int fields, int kernel) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd so the kernel turns about its centre");
        }
        this.fields = fields;
        this.kernel = kernel;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(fields)).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long inChannels = inputShapes[0].get(1);
        weight.setShape(new Shape(fields, inChannels, kernel, kernel));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, x.getDevice(), training);
        // One copy of the kernel per quarter turn: (fields, 4, in, k, k), then channel c * 4 + r.
        NDList turned = new NDList(4);
        for (int r = 0; r < 4; r++) {
            turned.add(r == 0 ? w : w.rotate90(r, new int[] {2, 3}));
        }
        NDArray kernels = NDArrays.stack(turned, 1).reshape(fields * 4L, w.getShape().get(1), kernel, kernel);
        // The bias belongs to the field: the same value for its four rotations.
        NDArray biases = b.reshape(fields, 1).broadcast(fields, 4).reshape(fields * 4L);
        int pad = kernel / 2;
        return Conv2d.conv2d(x, kernels, biases, new Shape(1, 1), new Shape(pad, pad));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), fields * 4L, in.get(2), in.get(3))};
    }

    @Override
    public String toString() {
        return "P4LiftingConv(fields=" + fields + ", kernel=" + kernel + ")";
    }
}
