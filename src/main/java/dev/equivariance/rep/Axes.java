package dev.equivariance.rep;

import java.util.Arrays;

/** Axis bookkeeping shared by the actions: negative axes count from the end, as in numpy. */
final class Axes {

    private Axes() {
    }

    static int normalize(int axis, long[] shape, String action) {
        int rank = shape.length;
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(action + ": axis " + axis + " is out of range for a tensor of rank "
                    + rank + " with shape " + Arrays.toString(shape) + "; axes count from 0 and include the batch "
                    + "axis, so use an axis in 0.." + (rank - 1) + " (or -1 for the last)");
        }
        return a;
    }

    static int normalize(int axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    static int[] flipIndices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = n - 1 - i;
        }
        return idx;
    }

    /** numpy's roll: {@code y[i] = x[(i - shift) mod n]}. */
    static int[] rollIndices(int n, int shift) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = Math.floorMod(i - shift, n);
        }
        return idx;
    }
}
