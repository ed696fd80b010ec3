package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalMatrix;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Features along one axis (the last by default) that transform by a block-diagonal orthogonal matrix built from
 * the element's matrix: e3nn irreps under O(3) ({@link Irreps}, from 3 x 3 matrices) or frequencies under O(2)
 * ({@link Frequencies}, from 2 x 2 matrices). Applied as {@code x -> x D(g)^T} along the axis.
 */
final class DirectSumAction implements Action {

    private final String kind;
    private final String spec;
    private final int dim;
    private final int spaceDim;
    private final boolean scalar;
    private final Function<OrthogonalMatrix, double[][]> matrix;
    private final int axis;
    private final int factor;

    private DirectSumAction(String kind, String spec, int dim, int spaceDim, boolean scalar,
                            Function<OrthogonalMatrix, double[][]> matrix, int axis, int factor) {
        this.kind = kind;
        this.spec = spec;
        this.dim = dim;
        this.spaceDim = spaceDim;
        this.scalar = scalar;
        this.matrix = matrix;
        this.axis = axis;
        this.factor = factor;
    }

    static DirectSumAction irreps(Irreps irreps, int axis, int factor) {
        return new DirectSumAction("irreps", irreps.toString(), irreps.dim(), 3, irreps.isScalar(), irreps::matrix,
                axis, factor);
    }

    static DirectSumAction frequencies(Frequencies frequencies, int axis, int factor) {
        boolean scalar = frequencies.terms().stream().allMatch(t -> t.mul() == 0 || (t.k() == 0 && !t.odd()));
        return new DirectSumAction("frequencies", frequencies.toString(), frequencies.dim(), 2, scalar,
                frequencies::matrix, axis, factor);
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        OrthogonalMatrix m = Parts.of(g, OrthogonalMatrix.class, factor, describe());
        if (scalar || m.isIdentity()) {
            return x;
        }
        int a = Axes.normalize(axis, x.shape(), describe());
        return x.contract(a, matrix.apply(m));
    }

    /** Real Wigner D matrices and planar rotations are orthogonal. */
    @Override
    public boolean preservesNorm() {
        return true;
    }

    @Override
    public Tensor applyStacked(java.util.List<? extends GroupElement> elements, Tensor stacked) {
        if (scalar) {
            return stacked;
        }
        long[] shape = stacked.shape();
        int a = Axes.normalize(axis, java.util.Arrays.copyOfRange(shape, 1, shape.length), describe()) + 1;
        double[][][] matrices = new double[elements.size()][][];
        for (int s = 0; s < matrices.length; s++) {
            matrices[s] = matrix.apply(Parts.of(elements.get(s), OrthogonalMatrix.class, factor, describe()));
        }
        return stacked.contractSlices(a, matrices);
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        int a = Axes.normalize(axis, shape, describe());
        String groups = spaceDim == 3 ? "SO(3), O(3), SE(3) or E(3)" : "SO(2), O(2), C4 or D4";
        OrthogonalMatrix id = Parts.check(group, OrthogonalMatrix.class, factor, describe(), "Use " + groups);
        int n = id.matrix().length;
        if (n != spaceDim) {
            throw new IllegalArgumentException(describe() + " does not fit the group " + group.name() + ", which acts "
                    + "on " + n + "-vectors: " + kind + " need " + groups
                    + (spaceDim == 3 ? "; for planar groups use frequencies(...), e.g. frequencies(2x0 + 1x1)"
                    : "; for 3D rotations use irreps, e.g. 2x0e + 1x1o"));
        }
        if (shape[a] != dim) {
            throw new IllegalArgumentException(describe() + ": the " + kind + " " + spec + " have dimension " + dim
                    + ", but axis " + a + " of shape " + Arrays.toString(shape) + " has size " + shape[a]
                    + "; the axis must hold exactly the sum of mul (2l+1)" + (spaceDim == 2 ? " (1 for k = 0, 2 else)"
                    : "") + " components");
        }
        return this;
    }

    @Override
    public boolean isTrivial() {
        return scalar;
    }

    @Override
    public boolean touchesAxis(int ax, int rank) {
        return Axes.normalize(axis, rank) == ax;
    }

    /** The matrices are orthogonal, so gradients transform the same way. */
    @Override
    public Action dual() {
        return this;
    }

    @Override
    public String describe() {
        if (kind.equals("irreps") && axis == -1 && factor < 0) {
            return spec;
        }
        return kind + "(" + spec + (axis != -1 ? ", axis=" + axis : "") + (factor >= 0 ? ", factor=" + factor : "")
                + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
