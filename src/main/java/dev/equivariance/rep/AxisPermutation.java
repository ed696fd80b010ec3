package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Permutation;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;

/** Permutes one axis: {@code y[..., i, ...] = x[..., perm[i], ...]} (sets, point clouds, graph nodes). */
final class AxisPermutation implements IndexAction {

    private final int axis;
    private final int factor;

    AxisPermutation(int axis, int factor) {
        this.axis = axis;
        this.factor = factor;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        Permutation p = Parts.of(g, Permutation.class, factor, describe());
        int a = Axes.normalize(axis, x.shape(), describe());
        if (p.isIdentity()) {
            return x;
        }
        return x.take(a, p.indices());
    }

    @Override
    public int[] flatIndex(GroupElement g, long[] shape) {
        Permutation p = Parts.of(g, Permutation.class, factor, describe());
        return p.isIdentity() ? null : FlatMaps.take(shape, Axes.normalize(axis, shape, describe()), p.indices());
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        int a = Axes.normalize(axis, shape, describe());
        Permutation id = Parts.check(group, Permutation.class, factor, describe(),
                "Use a symmetric group such as S(" + shape[a] + ")");
        if (id.size() != shape[a]) {
            throw new IllegalArgumentException(describe() + ": the group permutes " + id.size() + " points but axis "
                    + a + " of shape " + Arrays.toString(shape) + " has " + shape[a] + "; use S(" + shape[a]
                    + ") or permute another axis");
        }
        return this;
    }

    @Override
    public java.util.Map<String, Integer> sizeHints(long[] shape) {
        int a = Axes.normalize(axis, shape, describe());
        return java.util.Map.of("n", (int) shape[a]);
    }

    @Override
    public boolean touchesAxis(int ax, int rank) {
        return Axes.normalize(axis, rank) == ax;
    }

    @Override
    public String describe() {
        return "permute(axis=" + axis + (factor >= 0 ? ", factor=" + factor : "") + ")";
    }

    /** Equal when built the same way, so that gathers are reused across audits of the same spec. */
    @Override
    public boolean equals(Object other) {
        return other instanceof AxisPermutation o && axis == o.axis && factor == o.factor;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(axis, factor);
    }

    @Override
    public String toString() {
        return describe();
    }
}
