package dev.equivariance.rep;

/**
 * Index maps on the flattened elements of a tensor: a map {@code m} sends x to y with
 * {@code y.flat[i] = x.flat[m[i]]}. Index-only actions (permutations, rolls, quarter turns, flips) are such maps, so
 * many elements can act on a stack of tensors in one gather.
 */
final class FlatMaps {

    private FlatMaps() {
    }

    static int size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    private static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The identity map. */
    static int[] identity(long[] shape) {
        int[] m = new int[size(shape)];
        for (int i = 0; i < m.length; i++) {
            m[i] = i;
        }
        return m;
    }

    /** numpy's take along one axis: {@code y[..., i, ...] = x[..., indices[i], ...]}. */
    static int[] take(long[] shape, int axis, int[] indices) {
        long[] strides = strides(shape);
        long n = shape[axis];
        int[] m = new int[size(shape)];
        for (int i = 0; i < m.length; i++) {
            long c = (i / strides[axis]) % n;
            m[i] = (int) (i + (indices[(int) c] - c) * strides[axis]);
        }
        return m;
    }

    /** Swapping two axes of equal size (a permutation of the elements, shape unchanged). */
    static int[] swap(long[] shape, int a, int b) {
        long[] strides = strides(shape);
        int[] m = new int[size(shape)];
        for (int i = 0; i < m.length; i++) {
            long ca = (i / strides[a]) % shape[a];
            long cb = (i / strides[b]) % shape[b];
            m[i] = (int) (i + (cb - ca) * strides[a] + (ca - cb) * strides[b]);
        }
        return m;
    }

    /** First {@code first}, then {@code second}: {@code y = second(first(x))}. */
    static int[] then(int[] first, int[] second) {
        int[] m = new int[second.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = first[second[i]];
        }
        return m;
    }
}
