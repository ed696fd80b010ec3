package dev.equivariance.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;

/** A {@link Tensor} backed by a DJL {@link NDArray}; every result is attached to the backend's current scope. */
final class DjlTensor implements Tensor {

    /**
     * Arrays up to this many elements are reduced per slice and contracted per slice on the host: PyTorch runs such
     * small batched matmuls and per-slice maxima as parallel loops over slices, which wake its worker threads for
     * microseconds of work (milliseconds when the cores are busy), while the copy to the host costs less.
     */
    static final long HOST_ELEMENTS = 1 << 15;

    private final DjlBackend backend;
    private final NDArray array;

    DjlTensor(DjlBackend backend, NDArray array) {
        this.backend = backend;
        this.array = array;
    }

    /** The wrapped array. */
    NDArray array() {
        return array;
    }

    private DjlTensor result(NDArray r) {
        return backend.own(r);
    }

    private static NDArray unwrap(Tensor t) {
        if (!(t instanceof DjlTensor d)) {
            throw new IllegalArgumentException("Cannot mix a DJL tensor with " + t.getClass().getName());
        }
        return d.array;
    }

    @Override
    public long[] shape() {
        return array.getShape().getShape();
    }

    @Override
    public DType dtype() {
        DType t = DjlTypes.fromDjl(array.getDataType());
        if (t == null) {
            throw new IllegalStateException("Not a floating-point tensor: " + array.getDataType());
        }
        return t;
    }

    @Override
    public Tensor take(int axis, int[] indices) {
        return take(axis, indices, null);
    }

    @Override
    public Tensor takeReused(int axis, int[] indices) {
        return take(axis, indices, backend.cachedIndex(indices));
    }

    private Tensor take(int axis, int[] indices, NDArray cached) {
        NDArray idx = cached != null ? cached : backend.current().create(indices);
        try {
            if (axis == 0 && array.getShape().dimension() == 2 && backend.isPyTorch()
                    && (cached != null || nonNegative(indices))) {
                // rows of a matrix: PyTorch's embedding lookup is index_select, which copies whole rows
                return result(array.getNDArrayInternal().embedding(idx, array, SparseFormat.DENSE).singletonOrThrow());
            }
            StringBuilder spec = new StringBuilder();
            for (int i = 0; i < axis; i++) {
                spec.append(":, ");
            }
            spec.append("{}");
            return result(array.get(new NDIndex(spec.toString(), idx)));
        } finally {
            if (cached == null) {
                idx.close();
            }
        }
    }

    /** A broadcast view: the copies share this tensor's memory (nothing here writes into a tile in place). */
    @Override
    public Tensor tile(int count) {
        long[] shape = array.getShape().getShape();
        long[] one = new long[shape.length + 1];
        one[0] = 1;
        System.arraycopy(shape, 0, one, 1, shape.length);
        long[] many = one.clone();
        many[0] = count;
        try (NDArray single = array.reshape(one)) {
            return result(single.broadcast(new ai.djl.ndarray.types.Shape(many)));
        }
    }

    /** Row lookups take no negative (from the end) indices, which numpy's take allows. */
    private static boolean nonNegative(int[] indices) {
        for (int i : indices) {
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Tensor swapAxes(int axis1, int axis2) {
        return result(array.swapAxes(axis1, axis2));
    }

    @Override
    public Tensor contract(int axis, double[][] matrix) {
        int rank = array.getShape().dimension();
        int n = matrix.length;
        int m = matrix[0].length;
        double[] flat = new double[n * m];
        // y_last = x_last . M^T: store M^T row-major (m x n)
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                flat[j * n + i] = matrix[i][j];
            }
        }
        NDArray mt = backend.current().create(flat, new ai.djl.ndarray.types.Shape(m, n))
                .toType(array.getDataType(), false);
        try {
            if (axis == rank - 1) {
                return result(array.matMul(mt));
            }
            NDArray moved = array.swapAxes(axis, rank - 1);
            NDArray prod = moved.matMul(mt);
            NDArray back = prod.swapAxes(axis, rank - 1);
            moved.close();
            prod.close();
            return result(back);
        } finally {
            mt.close();
        }
    }

    @Override
    public Tensor scale(double factor) {
        return result(array.mul(factor));
    }

    @Override
    public Tensor add(Tensor other) {
        return result(array.add(unwrap(other)));
    }

    @Override
    public Tensor multiply(Tensor other) {
        return result(array.mul(unwrap(other)));
    }

    @Override
    public Tensor sum() {
        return result(array.sum());
    }

    @Override
    public Tensor subtract(Tensor other) {
        return result(array.sub(unwrap(other)));
    }

    @Override
    public Tensor cast(DType dtype) {
        return result(array.toType(DjlTypes.toDjl(dtype), true));
    }

    @Override
    public Tensor reshape(long... shape) {
        return result(array.reshape(shape));
    }

    @Override
    public double[] toDoubles() {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        try (NDArray d = array.toType(DataType.FLOAT64, true)) {
            return d.toDoubleArray();
        }
    }

    @Override
    public double sumOfSquares() {
        if (array.getShape().size() == 0) {
            return 0;
        }
        if (array.getDataType() == DataType.FLOAT32) {
            // a float32 norm needs no float64 copy; it overflows only past 1e19 and its squares underflow below
            // 1e-19, then float64 tells the true value
            try (NDArray norm = array.norm()) {
                double n = norm.getFloat();
                if (Double.isFinite(n) && n >= SQUARES_UNDERFLOW) {
                    return n * n;
                }
            }
        }
        boolean wide = array.getDataType() == DataType.FLOAT64;
        NDArray d = wide ? array : array.toType(DataType.FLOAT64, true);
        try (NDArray norm = d.norm()) {
            double n = norm.getDouble();
            return n * n;
        } finally {
            if (!wide) {
                d.close();
            }
        }
    }

    @Override
    public double maxAbs() {
        if (array.getShape().size() == 0) {
            return 0;
        }
        try (NDArray a = array.abs(); NDArray mx = a.max(); NDArray d = mx.toType(
                DataType.FLOAT64, true)) {
            return d.getDouble();
        }
    }

    @Override
    public boolean isFinite() {
        if (array.getShape().size() == 0) {
            return true;
        }
        try (NDArray nan = array.isNaN(); NDArray inf = array.isInfinite();
             NDArray bad = nan.logicalOr(inf); NDArray any = bad.any()) {
            return !any.getBoolean();
        }
    }

    /**
     * One pass per slice (a 2-norm in the tensor's own dtype, squared on the host): an error measure needs no more
     * precision than the dtype's, and avoiding a float64 copy of large activations matters for speed.
     */
    @Override
    public double[] sliceSumOfSquares() {
        long count = array.getShape().get(0);
        if (array.getShape().size() == 0) {
            return new double[(int) count];
        }
        try (NDArray flat = array.reshape(count, -1);
             NDArray norms = flat.norm(new int[] {1});
             NDArray d = norms.toType(DataType.FLOAT64, true)) {
            double[] out = d.toDoubleArray();
            boolean small = false;
            for (int i = 0; i < out.length; i++) {
                if (!Double.isFinite(out[i]) && array.getDataType() != DataType.FLOAT64) {
                    return wide().sliceSumOfSquares();
                }
                small |= out[i] < SQUARES_UNDERFLOW;
                out[i] *= out[i];
            }
            if (small && array.getDataType() == DataType.FLOAT32 && anyNonZeroBelowUnderflow(flat, out)) {
                return wide().sliceSumOfSquares();
            }
            return out;
        }
    }

    /**
     * Below this float32 norm the squares summed into it (values under about 1e-19) underflow and lose digits, so the
     * norm is recomputed in float64 (where they do not).
     */
    private static final double SQUARES_UNDERFLOW = 1e-18;

    /** Whether a slice whose float32 norm is below {@link #SQUARES_UNDERFLOW} has a non-zero element after all. */
    private static boolean anyNonZeroBelowUnderflow(NDArray flat, double[] sumOfSquares) {
        try (NDArray abs = flat.abs(); NDArray max = abs.max(new int[] {1});
             NDArray d = max.toType(DataType.FLOAT64, true)) {
            double[] m = d.toDoubleArray();
            for (int i = 0; i < m.length; i++) {
                if (sumOfSquares[i] < SQUARES_UNDERFLOW * SQUARES_UNDERFLOW && m[i] > 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A float64 copy, for the rare float32 reduction that overflows (values past 1e19): it tells Inf from large. */
    private DjlTensor wide() {
        NDArray w = array.toType(DataType.FLOAT64, true);
        return (DjlTensor) result(w);
    }

    @Override
    public double[] sliceMaxAbs() {
        long count = array.getShape().get(0);
        if (array.getShape().size() == 0) {
            return new double[(int) count];
        }
        try (NDArray flat = array.reshape(count, -1);
             NDArray abs = flat.abs();
             NDArray max = abs.max(new int[] {1});
             NDArray d = max.toType(DataType.FLOAT64, true)) {
            return d.toDoubleArray();
        }
    }

    /** Both reductions per slice and a single transfer (a max of |x| beats max and min: each tracks indices). */
    @Override
    public double[][] sliceSumOfSquaresAndMaxAbs() {
        int count = (int) array.getShape().get(0);
        if (array.getShape().size() == 0) {
            return new double[][] {new double[count], new double[count]};
        }
        try (NDArray flat = array.reshape(count, -1);
             NDArray norms = flat.norm(new int[] {1});
             NDArray abs = flat.abs();
             NDArray max = abs.max(new int[] {1});
             NDArray all = NDArrays.stack(new NDList(norms, max));
             NDArray d = all.toType(DataType.FLOAT64, false)) {
            double[] v = d.toDoubleArray();
            double[] sumOfSquares = new double[count];
            for (int s = 0; s < count; s++) {
                if (!Double.isFinite(v[s]) && array.getDataType() != DataType.FLOAT64) {
                    return wide().sliceSumOfSquaresAndMaxAbs();
                }
                if (v[s] < SQUARES_UNDERFLOW && v[count + s] > 0 && array.getDataType() == DataType.FLOAT32) {
                    // squares of values below 1e-19 underflow float32: float64 keeps them
                    return wide().sliceSumOfSquaresAndMaxAbs();
                }
                sumOfSquares[s] = v[s] * v[s];
            }
            return new double[][] {sumOfSquares, java.util.Arrays.copyOfRange(v, count, 2 * count)};
        }
    }

    /**
     * One temporary for the whole comparison: the difference is squared in place, then summed and maxed per slice
     * (its square root is the largest |difference|), and both come back without a stacking or conversion step.
     */
    @Override
    public double[][] sliceDifferenceStatistics(Tensor other) {
        int count = (int) array.getShape().get(0);
        if (array.getShape().size() == 0) {
            return new double[][] {new double[count], new double[count]};
        }
        NDArray b = ((DjlTensor) other).array;
        if (array.size() <= HOST_ELEMENTS) {
            try (NDArray diff = array.sub(b)) {
                return HostMath.sliceDifferenceStatistics(toDoubles(diff), count);
            }
        }
        try (NDArray diff = array.sub(b);
             NDArray flat = diff.reshape(count, -1)) {
            flat.muli(flat);
            try (NDArray sums = flat.sum(new int[] {1});
                 NDArray maxima = flat.max(new int[] {1})) {
                double[] sumOfSquares = toDoubles(sums);
                double[] maxAbs = toDoubles(maxima);
                for (int s = 0; s < count; s++) {
                    maxAbs[s] = Math.sqrt(maxAbs[s]);
                    if (!Double.isFinite(sumOfSquares[s]) && array.getDataType() != DataType.FLOAT64) {
                        // squares past 1e38 overflow float32: float64 tells a true Inf or NaN from a large difference
                        return wide().sliceDifferenceStatistics(((DjlTensor) other).wide());
                    }
                }
                return new double[][] {sumOfSquares, maxAbs};
            }
        }
    }

    private static double[] toDoubles(NDArray a) {
        if (a.getDataType() == DataType.FLOAT64) {
            return a.toDoubleArray();
        }
        if (a.getDataType() == DataType.FLOAT32) {
            float[] f = a.toFloatArray();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        try (NDArray wide = a.toType(DataType.FLOAT64, false)) {
            return wide.toDoubleArray();
        }
    }

    @Override
    public Tensor contractSlices(int axis, double[][][] matrices) {
        int rank = array.getShape().dimension();
        int count = matrices.length;
        int n = matrices[0].length;
        int m = matrices[0][0].length;
        if (array.size() <= HOST_ELEMENTS && (array.getDataType() == DataType.FLOAT64
                || array.getDataType() == DataType.FLOAT32)) {
            double[] y = HostMath.contractSlices(toDoubles(array), array.getShape().getShape(), axis, matrices);
            long[] outShape = array.getShape().getShape();
            outShape[axis] = n;
            NDArray created = backend.current().create(y, new ai.djl.ndarray.types.Shape(outShape));
            if (array.getDataType() == DataType.FLOAT64) {
                return result(created);
            }
            try (created) {
                return result(created.toType(array.getDataType(), false));
            }
        }
        double[] flat = new double[count * m * n];
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    flat[(s * m + j) * n + i] = matrices[s][i][j];
                }
            }
        }
        NDArray mt = backend.current().create(flat, new ai.djl.ndarray.types.Shape(count, m, n))
                .toType(array.getDataType(), false);
        NDArray moved = axis == rank - 1 ? array : array.swapAxes(axis, rank - 1);
        long[] movedShape = moved.getShape().getShape();
        NDArray rows = moved.reshape(count, -1, m);
        NDArray prod = rows.matMul(mt);
        long[] outShape = movedShape.clone();
        outShape[rank - 1] = n;
        NDArray shaped = prod.reshape(outShape);
        NDArray back = axis == rank - 1 ? shaped : shaped.swapAxes(axis, rank - 1);
        if (back != shaped) {
            shaped.close();
        }
        if (moved != array) {
            moved.close();
        }
        rows.close();
        prod.close();
        mt.close();
        return result(back);
    }

    @Override
    public Object nativeArray() {
        return array;
    }

    @Override
    public TensorBackend backend() {
        return backend;
    }

    @Override
    public String toString() {
        return "DjlTensor" + array.getShape() + " " + array.getDataType();
    }
}
