package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalMatrix;
import dev.equivariance.tensor.Tensor;

/**
 * Reverses one axis when the element is a reflection (determinant -1) and leaves the tensor alone otherwise: the
 * sign representation of O(2), O(3) or D4 realised as a mirror of a 1D signal or sequence.
 */
final class Flip implements IndexAction {

    private final int axis;
    private final int factor;

    Flip(int axis, int factor) {
        this.axis = axis;
        this.factor = factor;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        OrthogonalMatrix m = Parts.of(g, OrthogonalMatrix.class, factor, describe());
        if (m.determinant() > 0) {
            return x;
        }
        int a = Axes.normalize(axis, x.shape(), describe());
        return x.take(a, Axes.flipIndices((int) x.shape()[a]));
    }

    @Override
    public int[] flatIndex(GroupElement g, long[] shape) {
        OrthogonalMatrix m = Parts.of(g, OrthogonalMatrix.class, factor, describe());
        if (m.determinant() > 0) {
            return null;
        }
        int a = Axes.normalize(axis, shape, describe());
        return FlatMaps.take(shape, a, Axes.flipIndices((int) shape[a]));
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        Axes.normalize(axis, shape, describe());
        Parts.check(group, OrthogonalMatrix.class, factor, describe(), "Use a group with reflections: D4, O(2) or O(3)");
        return this;
    }

    @Override
    public boolean touchesAxis(int ax, int rank) {
        return Axes.normalize(axis, rank) == ax;
    }

    @Override
    public String describe() {
        return "flip(axis=" + axis + (factor >= 0 ? ", factor=" + factor : "") + ")";
    }

    /** Equal when built the same way, so that gathers are reused across audits of the same spec. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Flip o && axis == o.axis && factor == o.factor;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(axis, factor, 1);
    }

    @Override
    public String toString() {
        return describe();
    }
}
