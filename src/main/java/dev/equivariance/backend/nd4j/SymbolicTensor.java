package dev.equivariance.backend.nd4j;

import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor that is a variable of a SameDiff graph: what a {@link dev.equivariance.tensor.Loss} receives when the
 * gradient audit differentiates a SameDiff model. Every operation adds ops to the graph, so the loss becomes part of
 * it and SameDiff can differentiate through it. Shapes are those of the inputs the graph was built for. Reading
 * values ({@link #toDoubles()}, norms, {@link #isFinite()}) is not possible while the graph is being built.
 */
final class SymbolicTensor implements Tensor {

    private final Nd4jBackend backend;
    private final SDVariable variable;
    private final long[] shape;

    SymbolicTensor(Nd4jBackend backend, SDVariable variable, long[] shape) {
        this.backend = backend;
        this.variable = variable;
        this.shape = shape.clone();
    }

    SDVariable variable() {
        return variable;
    }

    private SameDiff graph() {
        return variable.getSameDiff();
    }

    private SymbolicTensor result(SDVariable v, long[] newShape) {
        return new SymbolicTensor(backend, v, newShape);
    }

    private SDVariable other(Tensor t) {
        if (!(t instanceof SymbolicTensor s) || s.graph() != graph()) {
            throw new IllegalArgumentException("A loss of a SameDiff model must combine only the outputs it is given "
                    + "(tensors of the same graph); got " + t);
        }
        if (!Arrays.equals(s.shape, shape)) {
            throw new IllegalArgumentException("Shapes differ: " + Arrays.toString(shape) + " and "
                    + Arrays.toString(s.shape));
        }
        return s.variable;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public DType dtype() {
        DType t = Nd4jTypes.fromNd4j(variable.dataType());
        if (t == null) {
            throw new IllegalStateException("Not a floating-point tensor: " + variable.dataType());
        }
        return t;
    }

    /**
     * A product with the selection matrix {@code S[i][indices[i]] = 1} (exact: one term per output element), not
     * {@code gather}, whose gradient fails inside SameDiff 1.0.0-M2.1 ({@code CreateView} on a rank-1 shape).
     */
    @Override
    public Tensor take(int axis, int[] indices) {
        double[][] select = new double[indices.length][(int) shape[axis]];
        for (int i = 0; i < indices.length; i++) {
            select[i][indices[i]] = 1;
        }
        return contract(axis, select);
    }

    @Override
    public Tensor swapAxes(int axis1, int axis2) {
        int[] perm = new int[shape.length];
        for (int d = 0; d < perm.length; d++) {
            perm[d] = d == axis1 ? axis2 : d == axis2 ? axis1 : d;
        }
        long[] s = shape();
        s[axis1] = shape[axis2];
        s[axis2] = shape[axis1];
        return result(graph().permute(variable, perm), s);
    }

    /**
     * A broadcast product summed over the contracted axis (moved last): {@code tensorMmul} would be shorter, but its
     * gradient fails for inputs of rank 3 or more in ND4J 1.0.0-M2.1.
     */
    @Override
    public Tensor contract(int axis, double[][] matrix) {
        int rank = shape.length;
        int n = matrix.length;
        int m = matrix[0].length;
        double[] flat = new double[n * m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(matrix[i], 0, flat, i * m, m);
        }
        SDVariable mat = graph().constant(Nd4j.create(flat, new long[] {n, m}, DataType.DOUBLE)
                .castTo(variable.dataType()));
        int[] toLast = new int[rank];
        for (int d = 0, k = 0; d < rank; d++) {
            if (d != axis) {
                toLast[k++] = d;
            }
        }
        toLast[rank - 1] = axis;
        SDVariable moved = axis == rank - 1 ? variable : graph().permute(variable, toLast);
        SDVariable prod = graph().sum(graph().expandDims(moved, rank - 1).mul(mat), rank);   // (..., n)
        long[] s = shape();
        s[axis] = n;
        if (axis == rank - 1) {
            return result(prod, s);
        }
        int[] back = new int[rank];
        for (int d = 0; d < rank; d++) {
            back[toLast[d]] = d;
        }
        return result(graph().permute(prod, back), s);
    }

    @Override
    public Tensor scale(double factor) {
        return result(variable.mul(factor), shape);
    }

    @Override
    public Tensor add(Tensor other) {
        return result(variable.add(other(other)), shape);
    }

    @Override
    public Tensor multiply(Tensor other) {
        return result(variable.mul(other(other)), shape);
    }

    @Override
    public Tensor sum() {
        return result(graph().sum(variable), new long[0]);
    }

    @Override
    public Tensor subtract(Tensor other) {
        return result(variable.sub(other(other)), shape);
    }

    @Override
    public Tensor cast(DType dtype) {
        return result(variable.castTo(Nd4jTypes.toNd4j(dtype)), shape);
    }

    @Override
    public Tensor reshape(long... newShape) {
        return result(graph().reshape(variable, newShape), newShape);
    }

    private UnsupportedOperationException notWhileBuilding(String what) {
        return new UnsupportedOperationException("Cannot read " + what + " of " + variable.name() + ": a loss of a "
                + "SameDiff model is built into the graph before anything is computed; use tensor operations only");
    }

    @Override
    public double[] toDoubles() {
        throw notWhileBuilding("the values");
    }

    @Override
    public double sumOfSquares() {
        throw notWhileBuilding("the norm");
    }

    @Override
    public double maxAbs() {
        throw notWhileBuilding("the largest value");
    }

    @Override
    public boolean isFinite() {
        throw notWhileBuilding("whether the values are finite");
    }

    @Override
    public Object nativeArray() {
        return variable;
    }

    @Override
    public TensorBackend backend() {
        return backend;
    }

    @Override
    public String toString() {
        return "SymbolicTensor(" + variable.name() + ")" + Arrays.toString(shape) + " " + variable.dataType();
    }
}
