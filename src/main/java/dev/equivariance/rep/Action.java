package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.tensor.Tensor;

/**
 * How a group element acts on one tensor (an input or an output of a model): the representation rho(g) applied
 * to x. Implementations are immutable and work on any backend through the {@link Tensor} SPI.
 */
public interface Action {

    /** Computes {@code rho(g) x} as a new tensor. */
    Tensor apply(GroupElement g, Tensor x);

    /**
     * Whether this action only moves elements around (no arithmetic), so that it gives exact results in any dtype
     * and the audit may apply it in the model's dtype instead of float64.
     */
    default boolean exactInAnyDtype() {
        return false;
    }

    /**
     * Whether every element acts by an orthogonal map (permutations, rotations, orthogonal representations), so
     * that {@code ||rho(g) x|| = ||x||}; the audit then needs the norm of f(x) only once.
     */
    default boolean preservesNorm() {
        return false;
    }

    /**
     * The stack of {@code rho(g_s) x} for every element: shape {@code (count, ...)} with slice s acted on by element
     * s. The audit transforms an input and f(x) by a chunk of elements this way; the default tiles x and calls
     * {@link #applyStacked}, and index actions gather straight from x.
     */
    default Tensor applyEach(java.util.List<? extends GroupElement> elements, Tensor x) {
        return applyStacked(elements, x.tile(elements.size()));
    }

    /**
     * Acts on a stack of tensors, slice {@code s} (along the new leading axis 0) by {@code elements.get(s)}: the
     * audit transforms many elements at once this way. Implementations batch it into a few operations; the default
     * applies {@link #apply} slice by slice. Axes of this action refer to the slices (without the leading axis).
     */
    default Tensor applyStacked(java.util.List<? extends GroupElement> elements, Tensor stacked) {
        long[] shape = stacked.shape();
        long[] slice = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        long[] ones = new long[elements.size()];
        java.util.Arrays.fill(ones, 1);
        java.util.List<Tensor> parts = stacked.backend().split(stacked, 0, ones);
        java.util.List<Tensor> out = new java.util.ArrayList<>();
        for (int s = 0; s < elements.size(); s++) {
            Tensor y = apply(elements.get(s), parts.get(s).reshape(slice));
            long[] back = y.shape();
            long[] withAxis = new long[back.length + 1];
            withAxis[0] = 1;
            System.arraycopy(back, 0, withAxis, 1, back.length);
            out.add(y.reshape(withAxis));
        }
        return stacked.backend().concat(out, 0);
    }

    /**
     * Checks that this action fits a tensor of the given shape under the given group and returns the action to use
     * for it (usually {@code this}; an action may specialise itself to the group, e.g. the regular representation
     * to the group's order).
     *
     * @throws IllegalArgumentException naming the problem and the fix (axis out of range, wrong axis size, ...)
     */
    Action bind(long[] shape, Group<?> group);

    /** A description as the user would write it, e.g. {@code permute(axis=1)}. */
    String describe();

    /** Whether every element acts as the identity (an invariant). */
    default boolean isTrivial() {
        return false;
    }

    /**
     * Whether the tensor holds node indices (an {@code edge_index}) rather than measurements: its generated values
     * are then integers in {@code [0, n)} for the n nodes the group permutes, fed as int64.
     */
    default boolean indexValued() {
        return false;
    }

    /**
     * Whether the batch axis (axis 0) is touched, in which case inputs cannot be stacked along it. Unknown actions
     * (user lambdas) answer true.
     */
    boolean touchesAxis(int axis, int rank);

    /**
     * Sizes this action can tell about the group from a tensor shape, for symbolic group names: a permutation of
     * axis a of a tensor of shape s tells {@code n = s[a]}, so {@code S(n)} needs no number.
     */
    default java.util.Map<String, Integer> sizeHints(long[] shape) {
        return java.util.Map.of();
    }

    /**
     * The two grid axes this action shifts or turns (rolls, quarter turns), normalised for the rank; empty when it
     * acts on no spatial grid. Diagnosis uses them for per-position error maps.
     */
    default int[] gridAxes(int rank) {
        return new int[0];
    }

    /**
     * Whether this action interpolates for {@code g} (a rotation of an image by an angle that is not a multiple of 90
     * degrees), so that its result only approximates a representation: diagnosis then tells discretisation from a
     * bug. Index moves, matrices and user lambdas answer false.
     */
    default boolean interpolates(GroupElement g) {
        return false;
    }

    /**
     * The part of a stack of tensors (axis 0 indexes slices) that the audit compares, applied to both sides of every
     * comparison, {@code f(g x)} and {@code rho(g) f(x)}: the whole stack by default. {@code rotate(mask=disk)} zeroes
     * the values outside the disk inscribed in the grid, where rotated corners come from outside the image.
     */
    default Tensor compared(Tensor stacked) {
        return stacked;
    }

    /**
     * The actions this one applies in turn on different axes ({@code rot90} and {@code regular} for p4 features,
     * {@code permute} and {@code vector} for a point cloud), or just this action when it is not composite. Diagnosis
     * uses them to try a convention on one part at a time.
     */
    default java.util.List<Action> parts() {
        return java.util.List.of(this);
    }

    /**
     * The action on gradients of an invariant scalar: {@code rho(g^-1)^T}. Equal to this action when rho is
     * orthogonal (permutations, rotations); translations of positions do not act on gradients.
     */
    default Action dual() {
        return this;
    }
}
