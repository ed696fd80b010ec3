package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalMatrix;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;

/**
 * Vectors stored along one axis (the last by default) transform by the element's matrix, {@code x -> x R^T};
 * pseudovectors (angular momenta, normals from cross products) also pick up {@code det R}.
 */
final class VectorAction implements Action {

    private final int axis;
    private final boolean pseudo;
    private final int factor;

    VectorAction(int axis, boolean pseudo, int factor) {
        this.axis = axis;
        this.pseudo = pseudo;
        this.factor = factor;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        OrthogonalMatrix m = Parts.of(g, OrthogonalMatrix.class, factor, describe());
        if (m.isIdentity()) {
            return x;
        }
        int a = Axes.normalize(axis, x.shape(), describe());
        double[][] r = m.matrix();
        if (pseudo && m.determinant() < 0) {
            r = dev.equivariance.group.Matrices.scale(r, -1);
        }
        return x.contract(a, r);
    }

    /** Orthogonal matrices (times the determinant's sign for pseudovectors) preserve norms. */
    @Override
    public boolean preservesNorm() {
        return true;
    }

    @Override
    public Tensor applyStacked(java.util.List<? extends GroupElement> elements, Tensor stacked) {
        long[] shape = stacked.shape();
        int a = Axes.normalize(axis, java.util.Arrays.copyOfRange(shape, 1, shape.length), describe()) + 1;
        double[][][] matrices = new double[elements.size()][][];
        boolean moves = false;
        for (int s = 0; s < matrices.length; s++) {
            OrthogonalMatrix m = Parts.of(elements.get(s), OrthogonalMatrix.class, factor, describe());
            double[][] r = m.matrix();
            if (pseudo && m.determinant() < 0) {
                r = dev.equivariance.group.Matrices.scale(r, -1);
            }
            matrices[s] = r;
            moves |= !m.isIdentity();
        }
        return moves ? stacked.contractSlices(a, matrices) : stacked;
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        int a = Axes.normalize(axis, shape, describe());
        OrthogonalMatrix id = Parts.check(group, OrthogonalMatrix.class, factor, describe(),
                "Use a rotation group: SO(3), O(3), SO(2), O(2), C4 or D4");
        int dim = id.matrix().length;
        if (shape[a] != dim) {
            throw new IllegalArgumentException(describe() + ": the group " + group.name() + " acts on " + dim
                    + "-vectors, but axis " + a + " of shape " + Arrays.toString(shape) + " has size " + shape[a]
                    + "; put the " + dim + " vector components on that axis, or describe the features as several "
                    + "fields (e.g. irreps such as 1x0e + 1x1o)");
        }
        return this;
    }

    @Override
    public boolean touchesAxis(int ax, int rank) {
        return Axes.normalize(axis, rank) == ax;
    }

    @Override
    public String describe() {
        return (pseudo ? "pseudovector" : "vector") + "(axis=" + axis + (factor >= 0 ? ", factor=" + factor : "") + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
