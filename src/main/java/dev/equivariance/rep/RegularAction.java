package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.SquareGroup;
import dev.equivariance.group.SquareSymmetry;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The regular representation of C4 or D4 on a channel axis, as in group-convolution feature maps (p4, p4m): the
 * axis holds fields of |G| contiguous channels, one per group element h, and g maps the value at h to g h:
 * {@code y[h] = x[g^-1 h]}. For C4 this rolls each block of 4 channels forward by the number of quarter turns.
 * For D4 the channels of a field are ordered r^0..r^3, then r^0 f..r^3 f.
 */
final class RegularAction implements IndexAction {

    private final int axis;
    private final int factor;
    private final SquareGroup group;

    RegularAction(int axis, int factor) {
        this(axis, factor, SquareGroup.c4());
    }

    private RegularAction(int axis, int factor, SquareGroup group) {
        this.axis = axis;
        this.factor = factor;
        this.group = group;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        SquareSymmetry s = Parts.of(g, SquareSymmetry.class, factor, describe());
        if (s.isIdentity()) {
            return x;
        }
        long[] shape = x.shape();
        int a = Axes.normalize(axis, shape, describe());
        return x.take(a, indices(s, group.elements(), (int) shape[a]));
    }

    @Override
    public int[] flatIndex(GroupElement g, long[] shape) {
        SquareSymmetry s = Parts.of(g, SquareSymmetry.class, factor, describe());
        if (s.isIdentity()) {
            return null;
        }
        int a = Axes.normalize(axis, shape, describe());
        return FlatMaps.take(shape, a, indices(s, group.elements(), (int) shape[a]));
    }

    private static int[] indices(SquareSymmetry g, List<SquareSymmetry> elements, int size) {
        int order = elements.size();
        int[] block = new int[order];
        SquareSymmetry inv = g.inverse();
        for (int i = 0; i < order; i++) {
            int j = elements.indexOf(inv.compose(elements.get(i)));
            if (j < 0) {
                throw new IllegalArgumentException("regular representation of " + (order == 4 ? "C4" : "D4")
                        + " cannot act with " + g + "; declare the group D4 for flips");
            }
            block[i] = j;
        }
        int[] idx = new int[size];
        for (int c = 0; c < size / order; c++) {
            for (int i = 0; i < order; i++) {
                idx[c * order + i] = c * order + block[i];
            }
        }
        return idx;
    }

    @Override
    public Action bind(long[] shape, Group<?> g) {
        int a = Axes.normalize(axis, shape, describe());
        Parts.check(g, SquareSymmetry.class, factor, describe(), "Use C4 (p4 features) or D4 (p4m features)");
        SquareGroup square = hasFlips(g) ? SquareGroup.d4() : SquareGroup.c4();
        int order = square.elements().size();
        if (shape[a] % order != 0) {
            throw new IllegalArgumentException(describe() + ": axis " + a + " of shape " + Arrays.toString(shape)
                    + " has " + shape[a] + " channels, not a multiple of the group order " + order
                    + "; regular features need |G| = " + order + " channels per field");
        }
        return new RegularAction(axis, factor, square);
    }

    private static boolean hasFlips(Group<?> g) {
        if (g instanceof SquareGroup s) {
            return s.hasFlips();
        }
        if (g instanceof dev.equivariance.group.ProductGroup p) {
            return p.factors().stream().anyMatch(RegularAction::hasFlips);
        }
        return false;
    }

    @Override
    public boolean touchesAxis(int ax, int rank) {
        return Axes.normalize(axis, rank) == ax;
    }

    @Override
    public String describe() {
        return "regular(axis=" + axis + (factor >= 0 ? ", factor=" + factor : "") + ")";
    }

    /** Equal when built the same way, so that gathers are reused across audits of the same spec. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RegularAction o && axis == o.axis && factor == o.factor
                && group.hasFlips() == o.group.hasFlips();
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(axis, factor, group.hasFlips());
    }

    @Override
    public String toString() {
        return describe();
    }
}
