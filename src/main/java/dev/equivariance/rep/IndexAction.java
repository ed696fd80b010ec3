package dev.equivariance.rep;

import dev.equivariance.group.GroupElement;
import dev.equivariance.tensor.Tensor;
import java.util.List;

/**
 * An action that only moves elements around (no arithmetic): it has a flat index map per element, so it acts on a
 * whole stack of tensors, one element per slice, with a single gather.
 */
interface IndexAction extends Action {

    /** The flat index map of {@code g} on a tensor of this shape, or null when g acts as the identity. */
    int[] flatIndex(GroupElement g, long[] shape);

    @Override
    default Tensor applyStacked(List<? extends GroupElement> elements, Tensor stacked) {
        long[] shape = stacked.shape();
        long[] slice = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        int n = FlatMaps.size(slice);
        int count = elements.size();
        int[] all = new int[Math.multiplyExact(count, n)];
        boolean moves = false;
        for (int s = 0; s < count; s++) {
            int[] m = flatIndex(elements.get(s), slice);
            int offset = s * n;
            for (int i = 0; i < n; i++) {
                all[offset + i] = offset + (m == null ? i : m[i]);
            }
            moves |= m != null;
        }
        if (!moves) {
            return stacked;
        }
        return stacked.reshape(Math.multiplyExact((long) count, n)).take(0, all).reshape(shape);
    }
}
