package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Permutation;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;

/**
 * Node indices relabelled by a node permutation, as an {@code edge_index [2, E]} of PyTorch Geometric transforms when
 * the nodes are permuted with {@code permute(axis=0)}: the permutation puts old node {@code perm[i]} at position i, so
 * old node u gets the label {@code perm^-1[u]}, and every value v becomes {@code perm^-1[v]}. The order of the edges
 * is kept, so edge-indexed features ({@code edge_attr [E, F]}) do not move. Values only change (no axis moves), exactly,
 * in the tensor's own integer type.
 */
final class Relabel implements Action {

    private final int factor;

    Relabel(int factor) {
        this.factor = factor;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        Permutation p = Parts.of(g, Permutation.class, factor, describe());
        if (p.isIdentity()) {
            return x;
        }
        int[] inverse = p.inverse().indices();
        double[] v = x.toDoubles();
        for (int i = 0; i < v.length; i++) {
            int u = (int) v[i];
            if (u != v[i] || u < 0 || u >= inverse.length) {
                throw new IllegalArgumentException(describe() + ": the value " + v[i] + " at flat position " + i
                        + " is not a node index of a graph of " + inverse.length + " nodes; node indices run from 0 to "
                        + (inverse.length - 1));
            }
            v[i] = inverse[u];
        }
        return x.backend().fromDoubles(v, x.shape(), x.dtype());
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        Parts.check(group, Permutation.class, factor, describe(), "relabel needs a group that permutes the nodes, such "
                + "as S(n) or E(3) x S(n); under rotations alone the node indices do not change (declare trivial)");
        return this;
    }

    @Override
    public boolean indexValued() {
        return true;
    }

    @Override
    public boolean exactInAnyDtype() {
        return true;
    }

    /** Integer inputs have no gradient (zeros are reported for them), and the trivial action keeps zeros. */
    @Override
    public Action dual() {
        return Actions.trivial();
    }

    /** It changes values, not positions: no axis is moved. */
    @Override
    public boolean touchesAxis(int axis, int rank) {
        return false;
    }

    @Override
    public String describe() {
        return "relabel" + (factor >= 0 ? "(factor=" + factor + ")" : "");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Relabel o && factor == o.factor;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {factor, 17});
    }

    @Override
    public String toString() {
        return describe();
    }
}
