package dev.equivariance.backend.nd4j;

import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Tensor} backed by an ND4J {@link INDArray}; every result is a new array (never a view) tracked by the
 * backend's current scope.
 */
final class Nd4jTensor implements Tensor {

    private final Nd4jBackend backend;
    private final INDArray array;

    Nd4jTensor(Nd4jBackend backend, INDArray array) {
        this.backend = backend;
        this.array = array;
    }

    INDArray array() {
        return array;
    }

    private Tensor result(INDArray r) {
        return backend.own(r);
    }

    /** A result that may share the buffer of this tensor (a view): copied so that it owns its data. */
    private Tensor copied(INDArray r) {
        return backend.own(r.dup('c'));
    }

    private INDArray other(Tensor t) {
        INDArray o = Nd4jBackend.unwrap(t);
        if (!Arrays.equals(o.shape(), array.shape())) {
            throw new IllegalArgumentException("Shapes differ: " + Arrays.toString(array.shape()) + " and "
                    + Arrays.toString(o.shape()));
        }
        return o.dataType() == array.dataType() ? o : o.castTo(array.dataType());
    }

    @Override
    public long[] shape() {
        return array.shape().clone();
    }

    @Override
    public DType dtype() {
        DType t = Nd4jTypes.fromNd4j(array.dataType());
        if (t == null) {
            throw new IllegalStateException("Not a floating-point tensor: " + array.dataType());
        }
        return t;
    }

    @Override
    public Tensor take(int axis, int[] indices) {
        if (indices.length == 0) {
            long[] shape = shape();
            shape[axis] = 0;
            return result(Nd4j.create(array.dataType(), shape));
        }
        // libnd4j's gather reads out of bounds for negative indices: count them from the end here, as numpy does
        long size = array.size(axis);
        int[] wrapped = indices.clone();
        for (int i = 0; i < wrapped.length; i++) {
            if (wrapped[i] < -size || wrapped[i] >= size) {
                throw new IndexOutOfBoundsException("index " + wrapped[i] + " is out of bounds for axis " + axis
                        + " of size " + size);
            }
            if (wrapped[i] < 0) {
                wrapped[i] += (int) size;
            }
        }
        // indices as an array input: long index lists as integer arguments crash libnd4j's gather
        INDArray idx = Nd4j.createFromArray(wrapped);
        try {
            return result(Nd4j.exec(new Gather(array, idx, axis))[0]);
        } finally {
            idx.close();
        }
    }

    @Override
    public Tensor swapAxes(int axis1, int axis2) {
        return copied(array.swapAxes(axis1, axis2));
    }

    @Override
    public Tensor contract(int axis, double[][] matrix) {
        int rank = array.rank();
        int n = matrix.length;
        int m = matrix[0].length;
        double[] flat = new double[n * m];
        // y = x ._axis M^T: contract x's axis with M^T's first axis (m x n), the new axis comes last
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                flat[j * n + i] = matrix[i][j];
            }
        }
        INDArray mt = Nd4j.create(flat, new long[] {m, n}, DataType.DOUBLE);
        INDArray typed = array.dataType() == DataType.DOUBLE ? mt : mt.castTo(array.dataType());
        INDArray prod = Nd4j.tensorMmul(array, typed, new int[][] {{axis}, {0}});
        if (axis == rank - 1) {
            close(mt, typed);
            return result(prod);
        }
        int[] back = new int[rank];
        for (int d = 0, src = 0; d < rank; d++) {
            back[d] = d == axis ? rank - 1 : src++;
        }
        Tensor out = copied(prod.permute(back));
        close(mt, typed, prod);
        return out;
    }

    /** Closes temporaries, but never this tensor's own array (castTo and friends may return it unchanged). */
    private void close(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != array && a.closeable() && !a.wasClosed()) {
                a.close();
            }
        }
    }

    @Override
    public Tensor scale(double factor) {
        return result(array.mul(factor));
    }

    @Override
    public Tensor add(Tensor other) {
        return result(array.add(other(other)));
    }

    @Override
    public Tensor multiply(Tensor other) {
        return result(array.mul(other(other)));
    }

    @Override
    public Tensor sum() {
        return result(array.sum());
    }

    @Override
    public Tensor subtract(Tensor other) {
        return result(array.sub(other(other)));
    }

    @Override
    public Tensor cast(DType dtype) {
        DataType target = Nd4jTypes.toNd4j(dtype);
        return target == array.dataType() ? copied(array) : result(array.castTo(target));
    }

    @Override
    public Tensor reshape(long... shape) {
        INDArray r = array.reshape('c', shape);
        if (r == array) {
            return this; // same shape: tracked once, by the scope it was made in
        }
        // a view shares this tensor's buffer, which lives as long as this scope or an enclosing one: it needs no copy
        // and is not tracked (closing is the owner's job); a reshape that had to copy owns its buffer
        return r.isView() ? new Nd4jTensor(backend, r) : result(r);
    }

    @Override
    public double[] toDoubles() {
        if (array.length() == 0) {
            return new double[0];
        }
        INDArray flat = Nd4j.toFlattened('c', array);
        INDArray d = flat.castTo(DataType.DOUBLE);
        double[] values = d.toDoubleVector();
        close(flat, d);
        return values;
    }

    @Override
    public double sumOfSquares() {
        if (array.length() == 0) {
            return 0;
        }
        INDArray wide = array.dataType() == DataType.DOUBLE ? array : array.castTo(DataType.DOUBLE);
        double norm = wide.norm2Number().doubleValue();
        close(wide);
        return norm * norm;
    }

    @Override
    public double maxAbs() {
        if (array.length() == 0) {
            return 0;
        }
        double norm = array.norm2Number().doubleValue();
        // libnd4j's amax may skip NaN: the norm carries it
        return Double.isNaN(norm) ? Double.NaN : array.amaxNumber().doubleValue();
    }

    @Override
    public double[] sliceSumOfSquares() {
        return sliceSumOfSquaresAndMaxAbs()[0];
    }

    @Override
    public double[] sliceMaxAbs() {
        return sliceSumOfSquaresAndMaxAbs()[1];
    }

    /** Both reductions per slice on the native side; only the per-slice results come back. */
    @Override
    public double[][] sliceSumOfSquaresAndMaxAbs() {
        int count = (int) array.size(0);
        if (array.length() == 0) {
            return new double[][] {new double[count], new double[count]};
        }
        INDArray rows = array.reshape('c', count, array.length() / count);
        INDArray norms = rows.norm2(1);
        INDArray maxima = rows.amax(1);
        INDArray wideNorms = norms.castTo(DataType.DOUBLE);
        INDArray wideMaxima = maxima.castTo(DataType.DOUBLE);
        double[] sumOfSquares = wideNorms.toDoubleVector();
        double[] maxAbs = wideMaxima.toDoubleVector();
        close(wideNorms, wideMaxima, norms, maxima, rows);
        for (int i = 0; i < count; i++) {
            boolean underflow = sumOfSquares[i] < 1e-18 && maxAbs[i] > 0;   // squares below 1e-38 lose their digits
            if ((!Double.isFinite(sumOfSquares[i]) || underflow) && array.dataType() != DataType.DOUBLE) {
                // norms past 1e38 overflow float32: float64 tells a true Inf or NaN from a large value
                INDArray wide = array.castTo(DataType.DOUBLE);
                double[][] exact = new Nd4jTensor(backend, wide).sliceSumOfSquaresAndMaxAbs();
                wide.close();
                return exact;
            }
            sumOfSquares[i] *= sumOfSquares[i];
            if (Double.isNaN(sumOfSquares[i])) {
                maxAbs[i] = Double.NaN;
            }
        }
        return new double[][] {sumOfSquares, maxAbs};
    }

    @Override
    public boolean isFinite() {
        if (array.length() == 0) {
            return true;
        }
        double[] values = toDoubles();
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
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
        return "Nd4jTensor" + Arrays.toString(array.shape()) + " " + array.dataType();
    }
}
