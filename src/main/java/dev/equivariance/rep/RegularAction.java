package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalMatrix;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;

/**
 * The regular representation of C(N) or D(N) (C4 and D4 included) on a channel axis, as in group-convolution feature
 * maps (p4, p4m, C(N) steerable CNNs): the axis holds fields of |G| contiguous channels, one per group element h, and
 * g maps the value at h to g h: {@code y[h] = x[g^-1 h]}. Under C(N) this rolls each block of N channels forward by
 * the number of N-th turns: channel r moves to r + k. Under D(N) the channels of a field are ordered r^0..r^(N-1),
 * then r^0 f..r^(N-1) f.
 *
 * <p>{@code regular(axis=1, n=8)} declares fields of the regular representation of C(8) (D(8) under a group with
 * flips) whatever the audited group, which must then be a subgroup: under C4 a quarter turn moves channel r to r + 2.
 * This audits a C8 network under its C4 subgroup.
 */
final class RegularAction implements IndexAction {

    private final int axis;
    private final int factor;
    /** The declared rotations per field ({@code n=}), or 0 for the audited group's own. */
    private final int declared;
    /** The bound rotations per field (0 before binding) and whether fields carry the flips. */
    private final int rotations;
    private final boolean flips;

    RegularAction(int axis, int factor) {
        this(axis, factor, 0);
    }

    RegularAction(int axis, int factor, int declared) {
        this(axis, factor, declared, declared == 0 ? 4 : declared, false);
    }

    private RegularAction(int axis, int factor, int declared, int rotations, boolean flips) {
        if (declared < 0) {
            throw new IllegalArgumentException("regular(axis=" + axis + ", n=" + declared + "): n must be >= 1");
        }
        this.axis = axis;
        this.factor = factor;
        this.declared = declared;
        this.rotations = rotations;
        this.flips = flips;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        int[] block = block(g);
        if (block == null) {
            return x;
        }
        long[] shape = x.shape();
        int a = Axes.normalize(axis, shape, describe());
        return x.take(a, indices(block, (int) shape[a]));
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

    /** The take indices of one field, {@code y[h] = x[g^-1 h]}, or null for the identity. */
    private int[] block(GroupElement element) {
        OrthogonalMatrix g = Planar.of(element, factor, describe());
        int n = rotations;
        int k = Planar.steps(g, n);
        boolean s = Planar.reflected(g);
        String group = (flips ? "D" : "C") + n;
        if (k < 0) {
            throw new IllegalArgumentException("the regular representation of " + group + " (" + describe()
                    + ") cannot act with " + element + ": its rotation is not a multiple of 360/" + n + " degrees");
        }
        if (s && !flips) {
            throw new IllegalArgumentException("the regular representation of " + group + " (" + describe()
                    + ") cannot act with " + element + "; declare the group D" + n + " for flips");
        }
        if (k == 0 && !s) {
            return null;
        }
        int order = flips ? 2 * n : n;
        int[] block = new int[order];
        for (int i = 0; i < order; i++) {
            int r = i % n;
            int t = i / n;
            // g = r^k f^s; g^-1 r^r f^t = r^(r-k) f^t without the flip, r^(k-r) f^(1-t) with it
            block[i] = s ? Math.floorMod(k - r, n) + (1 - t) * n : Math.floorMod(r - k, n) + t * n;
        }
        return block;
    }

    private static int[] indices(int[] block, int size) {
        int order = block.length;
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
        Parts.check(g, OrthogonalMatrix.class, factor, describe(),
                "Use C4 (p4 features), D4 (p4m features), C(N) or D(N)");
        Planar.Finite finite = Planar.finite(g, factor);
        if (finite == null) {
            throw new IllegalArgumentException(describe() + " does not fit the group " + g.name() + ": the regular "
                    + "representation needs a finite group of rotations. Use C4 (p4 features), D4 (p4m features), "
                    + "C(N) or D(N)");
        }
        int n = declared == 0 ? finite.rotations() : declared;
        if (n % finite.rotations() != 0) {
            throw new IllegalArgumentException(describe() + ": " + finite.name() + " is not a subgroup of C" + n
                    + " (" + n + " is not a multiple of " + finite.rotations() + "); declare n=" + finite.rotations()
                    + " or a multiple of it, or audit under a subgroup of C" + n);
        }
        int order = finite.flips() ? 2 * n : n;
        if (shape[a] % order != 0) {
            throw new IllegalArgumentException(describe() + ": axis " + a + " of shape " + Arrays.toString(shape)
                    + " has " + shape[a] + " channels, not a multiple of the group order " + order
                    + "; regular features need |G| = " + order + " channels per field");
        }
        return new RegularAction(axis, factor, declared, n, finite.flips());
    }

    @Override
    public boolean touchesAxis(int ax, int rank) {
        return Axes.normalize(axis, rank) == ax;
    }

    @Override
    public String describe() {
        return "regular(axis=" + axis + (declared > 0 ? ", n=" + declared : "") + (factor >= 0 ? ", factor=" + factor : "")
                + ")";
    }

    /** Equal when built the same way, so that gathers are reused across audits of the same spec. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RegularAction o && axis == o.axis && factor == o.factor && declared == o.declared
                && rotations == o.rotations && flips == o.flips;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(axis, factor, declared, rotations, flips);
    }

    @Override
    public String toString() {
        return describe();
    }
}
