package dev.equivariance.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A p4 group convolution (Cohen and Welling, 2016): maps p4 feature maps to p4 feature maps.
 *
 * <p>Input {@code (batch, inFields * 4, H, W)}, output {@code (batch, fields * 4, H, W)}, with channel
 * {@code c * 4 + r} holding rotation {@code r} of field {@code c} (the layout {@link P4LiftingConv} produces). The
 * learned kernel has shape {@code (fields, inFields, 4, k, k)}. The filter for output rotation {@code r} is that
 * kernel turned spatially by {@code r} quarter turns <em>and</em> with its input-rotation axis shifted cyclically by
 * {@code r}: a turned input pattern in orientation {@code s} is matched by the turned kernel slice {@code s - r}.
 * That makes the layer commute with the p4 action (rotate the maps, roll each field's four channels).
 */
public final class P4GroupConv extends AbstractBlock {

    private final int fields;
    private final int kernel;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param fields number of output fields (each becomes 4 channels, one per rotation)
     * @param kernel odd kernel size
     */
    public P4GroupConv(int fields, int kernel) {
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
        long channels = inputShapes[0].get(1);
        if (channels % 4 != 0) {
            throw new IllegalArgumentException("p4 feature maps have 4 channels per field, got " + channels);
        }
        weight.setShape(new Shape(fields, channels / 4, 4, kernel, kernel));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, x.getDevice(), training);
        long inFields = w.getShape().get(1);
        NDList filters = new NDList(4);
        for (int r = 0; r < 4; r++) {
            // Shift the input-rotation axis by r (slice s takes the kernel's slice s - r), then turn by r.
            NDArray shifted = r == 0 ? w : NDArrays.concat(new NDList(
                    w.get(new NDIndex(":, :, {}:", 4 - r)), w.get(new NDIndex(":, :, :{}", 4 - r))), 2);
            filters.add(r == 0 ? shifted : shifted.rotate90(r, new int[] {3, 4}));
        }
        // (fields, 4 out rotations, inFields, 4 in rotations, k, k) -> (fields * 4, inFields * 4, k, k)
        NDArray kernels = NDArrays.stack(filters, 1).reshape(fields * 4L, inFields * 4, kernel, kernel);
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
        return "P4GroupConv(fields=" + fields + ", kernel=" + kernel + ")";
    }
}
