package dev.equivariance.audit;

import dev.equivariance.tensor.Tensor;
import java.util.Arrays;

/**
 * Shape bookkeeping for stacks of tensors {@code (count, ...)}, one slice per group element, and for the batches
 * they become when the slices run through a model together {@code (count * rows, ...)}.
 */
final class Stacks {

    private Stacks() {
    }

    /** {@code (count, rows, ...)} to {@code (count * rows, ...)}. */
    static long[] merged(long[] stackedShape) {
        long[] out = Arrays.copyOfRange(stackedShape, 1, stackedShape.length);
        out[0] *= stackedShape[0];
        return out;
    }

    /** {@code (...)} to {@code (1, ...)}. */
    static long[] withLeading(long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = 1;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    /**
     * {@code (count * rows, ...)} back to {@code (count, rows, ...)} given one slice's shape, or null when the rows do
     * not line up (the model did not keep the batch axis) or the other axes differ (they depend on the batch size, or
     * the output's shape changed between calls).
     */
    static Tensor unmerge(Tensor merged, long[] single, int count) {
        long[] m = merged.shape();
        if (single.length == 0 || m.length != single.length || m[0] != single[0] * count
                || !Arrays.equals(m, 1, m.length, single, 1, single.length)) {
            return null;
        }
        long[] shape = new long[single.length + 1];
        shape[0] = count;
        System.arraycopy(single, 0, shape, 1, single.length);
        return merged.reshape(shape);
    }
}
