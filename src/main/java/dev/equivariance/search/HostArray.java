package dev.equivariance.search;

import java.util.Arrays;

/**
 * A generated input tensor on the host: row-major doubles and a shape (including the batch axis).
 *
 * @param integer whether the values are integers to be fed as int64 (graph indices such as {@code edge_index}),
 *                never cast to a floating type
 */
public record HostArray(double[] data, long[] shape, boolean integer) {

    /** A floating-point array. */
    public HostArray(double[] data, long[] shape) {
        this(data, shape, false);
    }

    public HostArray {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + data.length);
        }
    }

    /** Other values of the same kind (integer or floating). */
    public HostArray with(double[] values, long[] newShape) {
        return new HostArray(values, newShape, integer);
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
