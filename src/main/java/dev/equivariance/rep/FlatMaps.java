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
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer = Math.multiplyExact(outer, (int) shape[i]);
        }
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner = Math.multiplyExact(inner, (int) shape[i]);
        }
        int n = (int) shape[axis];
        int[] m = new int[size(shape)];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int c = 0; c < n; c++) {
                int from = base + indices[c] * inner;
                for (int q = 0; q < inner; q++) {
                    m[p++] = from + q;
                }
            }
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
