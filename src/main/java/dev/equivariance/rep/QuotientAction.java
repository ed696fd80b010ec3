package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalMatrix;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;

/**
 * A quotient representation of C(N) or D(N) on a channel axis: the group permutes the left cosets gH of a subgroup H,
 * and a field holds one channel per coset, {@code y[c] = x[g^-1 c]} (escnn's {@code quotient_repr}). Two subgroups:
 * <ul>
 *   <li>{@code by=M}, the rotations C(M) (M divides N): cosets r^k C(M), k = 0..N/M-1 (then r^k f C(M) under D(N)),
 *       so a field has N/M channels (2N/M under D(N)) and an N-th turn moves channel r to r + 1 modulo N/M: the
 *       regular representation of C(N/M) seen by C(N);</li>
 *   <li>{@code by=flip}, the flips {e, f} of D(N): cosets r^k {e, f}, N channels; a turn moves channel r to r + 1,
 *       the flip moves channel r to -r.</li>
 * </ul>
 */
final class QuotientAction implements IndexAction {

    private final int axis;
    private final int factor;
    /** The rotation subgroup's order M, or 0 for the flips. */
    private final int by;
    private final int rotations;
    private final boolean flips;

    QuotientAction(int axis, int factor, int by) {
        this(axis, factor, by, 0, false);
    }

    private QuotientAction(int axis, int factor, int by, int rotations, boolean flips) {
        this.axis = axis;
        this.factor = factor;
        this.by = by;
        this.rotations = rotations;
        this.flips = flips;
    }

    /** The number of cosets: the channels of one field. */
    private int cosets() {
        return by == 0 ? rotations : (flips ? 2 : 1) * rotations / by;
    }

    /** The coset of r^k f^t. */
    private int coset(int k, int t) {
        if (by == 0) {
            return Math.floorMod(k, rotations);
        }
        int q = rotations / by;
        return Math.floorMod(k, q) + t * q;
    }

    /** A representative r^k f^t of coset c, as {k, t}. */
    private int[] representative(int c) {
        if (by == 0) {
            return new int[] {c, 0};
        }
        int q = rotations / by;
        return new int[] {c % q, c / q};
    }

    private int[] block(GroupElement element) {
        if (rotations == 0) {
            throw new IllegalStateException(describe() + " must be bound to a group before it acts");
        }
        OrthogonalMatrix g = Planar.of(element, factor, describe());
        int k = Planar.steps(g, rotations);
        boolean s = Planar.reflected(g);
        if (k < 0 || (s && !flips)) {
            throw new IllegalArgumentException(describe() + " of " + (flips ? "D" : "C") + rotations
                    + " cannot act with " + element);
        }
        if (k == 0 && !s) {
            return null;
        }
        // g^-1 = r^-k without the flip, g itself with it; (r^a f^b)(r^c f^d) = r^(a + (-1)^b c) f^(b + d)
        int ik = s ? k : -k;
        int it = s ? 1 : 0;
        int[] block = new int[cosets()];
        for (int c = 0; c < block.length; c++) {
            int[] h = representative(c);
            int pk = ik + (it == 1 ? -h[0] : h[0]);
            int pt = (it + h[1]) % 2;
            block[c] = coset(pk, pt);
        }
        return block;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        int[] block = block(g);
        if (block == null) {
            return x;
        }
        int a = Axes.normalize(axis, x.shape(), describe());
        return x.take(a, indices(block, (int) x.shape()[a]));
    }

    @Override
    public int[] flatIndex(GroupElement g, long[] shape) {
        int[] block = block(g);
        if (block == null) {
            return null;
        }
        int a = Axes.normalize(axis, shape, describe());
        return FlatMaps.take(shape, a, indices(block, (int) shape[a]));
    }

    private static int[] indices(int[] block, int size) {
        int[] idx = new int[size];
        for (int c = 0; c < size / block.length; c++) {
            for (int i = 0; i < block.length; i++) {
                idx[c * block.length + i] = c * block.length + block[i];
            }
        }
        return idx;
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        int a = Axes.normalize(axis, shape, describe());
        Parts.check(group, OrthogonalMatrix.class, factor, describe(), "Use C(N) or D(N)");
        Planar.Finite finite = Planar.finite(group, factor);
        if (finite == null) {
            throw new IllegalArgumentException(describe() + " does not fit the group " + group.name()
                    + ": quotient representations need a finite group of rotations, C(N) or D(N)");
        }
        if (by == 0 && !finite.flips()) {
            throw new IllegalArgumentException(describe() + ": " + finite.name() + " has no flips; quotient by=flip "
                    + "needs D(N)");
        }
        if (by > 0 && finite.rotations() % by != 0) {
            throw new IllegalArgumentException(describe() + ": C" + by + " is not a subgroup of " + finite.name()
                    + " (" + by + " does not divide " + finite.rotations() + ")");
        }
        QuotientAction bound = new QuotientAction(axis, factor, by, finite.rotations(), finite.flips());
        if (shape[a] % bound.cosets() != 0) {
            throw new IllegalArgumentException(describe() + ": axis " + a + " of shape " + Arrays.toString(shape)
                    + " has " + shape[a] + " channels, not a multiple of the " + bound.cosets() + " cosets of a field");
        }
        return bound;
    }

    @Override
    public boolean touchesAxis(int ax, int rank) {
        return Axes.normalize(axis, rank) == ax;
    }

    @Override
    public String describe() {
        return "quotient(axis=" + axis + ", by=" + (by == 0 ? "flip" : String.valueOf(by))
                + (factor >= 0 ? ", factor=" + factor : "") + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuotientAction o && axis == o.axis && factor == o.factor && by == o.by
                && rotations == o.rotations && flips == o.flips;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(axis, factor, by, rotations, flips, 2);
    }

    @Override
    public String toString() {
        return describe();
    }
}
