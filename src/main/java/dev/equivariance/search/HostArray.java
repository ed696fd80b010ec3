package dev.equivariance.search;

import java.util.Arrays;

/** A generated input tensor on the host: row-major doubles and a shape (including the batch axis). */
public record HostArray(double[] data, long[] shape) {

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

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
