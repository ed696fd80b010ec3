package dev.equivariance.rep;

import dev.equivariance.tensor.Tensor;

/**
 * A flat gather {@code y[i] = x[index[i]]} stored as whole rows: index actions mostly move contiguous runs (a
 * permutation of points moves each point's features together, a channel shift moves whole feature maps), so the
 * index is kept per run of {@code block} elements. Fewer indices are uploaded and the copy moves rows, not scalars.
 * A gather kept by a cache is {@code reused}: its index array comes again, so a backend may keep it on the device.
 */
record Gather(int block, int[] rows, boolean reused) {

    /** The row form of a flat index into a tensor of {@code sourceSize} elements. */
    static Gather of(int[] flat, int sourceSize) {
        int block = gcd(sourceSize, flat.length);
        block = flat.length == 0 ? 1 : gcd(block, flat[0]);
        for (int i = 1; i < flat.length && block > 1; i++) {
            if (flat[i] != flat[i - 1] + 1) {
                block = gcd(gcd(block, i), flat[i]);
            }
        }
        if (block <= 1) {
            return new Gather(1, flat, false);
        }
        int[] rows = new int[flat.length / block];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = flat[r * block] / block;
        }
        return new Gather(block, rows, false);
    }

    /** The same gather, marked as kept by a cache: its index array will be passed again, so backends may keep it. */
    Gather kept() {
        return new Gather(block, rows, true);
    }

    /** The number of elements gathered. */
    long size() {
        return (long) rows.length * block;
    }

    /** Gathers from {@code source} (any shape, read flat) into a tensor of {@code shape}. */
    Tensor apply(Tensor source, long[] shape) {
        Tensor rowsOf = source.reshape(source.size() / block, block);
        return (reused ? rowsOf.takeReused(0, rows) : rowsOf.take(0, rows)).reshape(shape);
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }
}
