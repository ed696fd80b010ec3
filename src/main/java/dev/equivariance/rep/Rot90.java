package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.SquareSymmetry;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;

/**
 * Quarter turns (and, for D4, flips) of a square grid on two axes, with numpy's {@code rot90(x, k, axes)}
 * orientation: for k = 1, {@code y[..., i, j] = x[..., j, W-1-i]}. A flip reverses the second axis first.
 */
final class Rot90 implements IndexAction {

    private final int axis1;
    private final int axis2;
    private final int factor;

    Rot90(int axis1, int axis2, int factor) {
        this.axis1 = axis1;
        this.axis2 = axis2;
        this.factor = factor;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        SquareSymmetry s = Parts.of(g, SquareSymmetry.class, factor, describe());
        long[] shape = x.shape();
        int a1 = Axes.normalize(axis1, shape, describe());
        int a2 = Axes.normalize(axis2, shape, describe());
        Tensor y = s.flipped() ? x.take(a2, Axes.flipIndices((int) shape[a2])) : x;
        return rot90(y, s.quarterTurns(), a1, a2);
    }

    static Tensor rot90(Tensor x, int k, int a1, int a2) {
        long[] shape = x.shape();
        switch (k) {
            case 0:
                return x;
            case 1:
                return x.take(a2, Axes.flipIndices((int) shape[a2])).swapAxes(a1, a2);
            case 2:
                return x.take(a1, Axes.flipIndices((int) shape[a1])).take(a2, Axes.flipIndices((int) shape[a2]));
            default:
                Tensor t = x.swapAxes(a1, a2);
                return t.take(a2, Axes.flipIndices((int) t.shape()[a2]));
        }
    }

    @Override
    public int[] flatIndex(GroupElement g, long[] shape) {
        SquareSymmetry s = Parts.of(g, SquareSymmetry.class, factor, describe());
        if (s.isIdentity()) {
            return null;
        }
        int a1 = Axes.normalize(axis1, shape, describe());
        int a2 = Axes.normalize(axis2, shape, describe());
        int[] flip1 = FlatMaps.take(shape, a1, Axes.flipIndices((int) shape[a1]));
        int[] flip2 = FlatMaps.take(shape, a2, Axes.flipIndices((int) shape[a2]));
        int[] map = s.flipped() ? flip2 : FlatMaps.identity(shape);
        switch (s.quarterTurns()) {
            case 0:
                return map;
            case 1:
                return FlatMaps.then(FlatMaps.then(map, flip2), FlatMaps.swap(shape, a1, a2));
            case 2:
                return FlatMaps.then(FlatMaps.then(map, flip1), flip2);
            default:
                return FlatMaps.then(FlatMaps.then(map, FlatMaps.swap(shape, a1, a2)), flip2);
        }
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        int a1 = Axes.normalize(axis1, shape, describe());
        int a2 = Axes.normalize(axis2, shape, describe());
        Parts.check(group, SquareSymmetry.class, factor, describe(), "Use C4 or D4");
        if (a1 == a2) {
            throw new IllegalArgumentException(describe() + ": the two axes must differ");
        }
        if (shape[a1] != shape[a2]) {
            throw new IllegalArgumentException(describe() + ": quarter turns need a square grid, but axes " + a1 + " and "
                    + a2 + " of shape " + Arrays.toString(shape) + " have sizes " + shape[a1] + " and " + shape[a2]
                    + "; use square inputs (e.g. " + Math.max(shape[a1], shape[a2]) + "x"
                    + Math.max(shape[a1], shape[a2]) + ")");
        }
        return this;
    }

    @Override
    public int[] gridAxes(int rank) {
        return new int[] {Axes.normalize(axis1, rank), Axes.normalize(axis2, rank)};
    }

    @Override
    public boolean touchesAxis(int axis, int rank) {
        return Axes.normalize(axis1, rank) == axis || Axes.normalize(axis2, rank) == axis;
    }

    @Override
    public String describe() {
        return "rot90(axes=(" + axis1 + "," + axis2 + ")" + (factor >= 0 ? ", factor=" + factor : "") + ")";
    }

    /** Equal when built the same way, so that gathers are reused across audits of the same spec. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Rot90 o && axis1 == o.axis1 && axis2 == o.axis2 && factor == o.factor;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(axis1, axis2, factor);
    }

    @Override
    public String toString() {
        return describe();
    }
}
