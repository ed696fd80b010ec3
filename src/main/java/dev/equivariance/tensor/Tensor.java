package dev.equivariance.tensor;

/**
 * A dense array on some backend and device: the dozen operations an audit needs, nothing more. Axes count from 0
 * and include the batch axis. Every operation returns a new tensor owned by the backend's current
 * {@link TensorScope}; closing the scope frees them all.
 */
public interface Tensor {

    /** The shape, including the batch axis. */
    long[] shape();

    DType dtype();

    default int rank() {
        return shape().length;
    }

    /** Number of elements. */
    default long size() {
        long n = 1;
        for (long d : shape()) {
            n *= d;
        }
        return n;
    }

    /** numpy's {@code take(x, indices, axis)}: {@code y[..., i, ...] = x[..., indices[i], ...]}. */
    Tensor take(int axis, int[] indices);

    /**
     * {@link #take} with an index array that will be passed again (the same array object, e.g. from a cache): a
     * backend may keep its device copy until {@link TensorBackend#releaseCaches()}.
     */
    default Tensor takeReused(int axis, int[] indices) {
        return take(axis, indices);
    }

    /** Swaps two axes. */
    Tensor swapAxes(int axis1, int axis2);

    /** Linear map along one axis: {@code y[..., i, ...] = sum_j matrix[i][j] x[..., j, ...]}. */
    Tensor contract(int axis, double[][] matrix);

    /** Multiplies every element by {@code factor}. */
    Tensor scale(double factor);

    Tensor add(Tensor other);

    /** Elementwise product (same shapes). */
    Tensor multiply(Tensor other);

    /** The sum of all elements, as a tensor with one element (differentiable). */
    Tensor sum();

    Tensor subtract(Tensor other);

    /** Converts the element type (a copy). */
    Tensor cast(DType dtype);

    /** Reshapes (same number of elements, row-major). */
    Tensor reshape(long... shape);

    /** The elements in row-major order, copied to the host as doubles. */
    double[] toDoubles();

    /**
     * The sum of squared elements (the squared Frobenius norm), accurate to the tensor's own precision, and finite for
     * any finite tensor (no overflow of the squares).
     */
    double sumOfSquares();

    /** The largest absolute element. */
    double maxAbs();

    /** Whether every element is finite (no NaN, no infinity). */
    boolean isFinite();

    /** The backend's own array behind this tensor (e.g. a DJL {@code NDArray}), for user-written properties. */
    Object nativeArray();

    /**
     * {@code count} copies of this tensor stacked along a new leading axis: shape {@code (count, ...shape)}. Backends
     * may return a view that shares this tensor's memory.
     */
    default Tensor tile(int count) {
        long[] shape = shape();
        long[] one = new long[shape.length + 1];
        one[0] = 1;
        System.arraycopy(shape, 0, one, 1, shape.length);
        Tensor t = reshape(one);
        java.util.List<Tensor> copies = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            copies.add(t);
        }
        return backend().concat(copies, 0);
    }

    /** The slices along axis 0, each keeping the axis (size 1). */
    default java.util.List<Tensor> slices() {
        long[] sizes = new long[(int) shape()[0]];
        java.util.Arrays.fill(sizes, 1);
        return backend().split(this, 0, sizes);
    }

    /** For a tensor whose axis 0 indexes slices: the sum of squares of each slice, in double precision. */
    default double[] sliceSumOfSquares() {
        java.util.List<Tensor> slices = slices();
        double[] out = new double[slices.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = slices.get(i).sumOfSquares();
        }
        return out;
    }

    /**
     * For a tensor whose axis 0 indexes slices: {@code {sum of squares, largest absolute element}} of each slice, as
     * two arrays. Backends compute both in one pass and one transfer where they can.
     */
    default double[][] sliceSumOfSquaresAndMaxAbs() {
        return new double[][] {sliceSumOfSquares(), sliceMaxAbs()};
    }

    /**
     * The comparison of two stacks of the same shape and dtype: {@code {sum of squares, largest absolute element}} of
     * each slice of {@code this - other}. Backends may compute it with one temporary, overwritten in place.
     */
    default double[][] sliceDifferenceStatistics(Tensor other) {
        return subtract(other).sliceSumOfSquaresAndMaxAbs();
    }

    /** For a tensor whose axis 0 indexes slices: the largest absolute element of each slice. */
    default double[] sliceMaxAbs() {
        java.util.List<Tensor> slices = slices();
        double[] out = new double[slices.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = slices.get(i).maxAbs();
        }
        return out;
    }

    /**
     * A linear map per slice: for a tensor whose axis 0 indexes slices,
     * {@code y[s, ..., i, ...] = sum_j matrices[s][i][j] x[s, ..., j, ...]} along {@code axis}.
     */
    default Tensor contractSlices(int axis, double[][][] matrices) {
        java.util.List<Tensor> slices = slices();
        java.util.List<Tensor> out = new java.util.ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            out.add(slices.get(i).contract(axis, matrices[i]));
        }
        return backend().concat(out, 0);
    }

    /** The backend that owns this tensor. */
    TensorBackend backend();
}
