package dev.equivariance.rep;

import dev.equivariance.group.GroupElement;
import dev.equivariance.tensor.Tensor;
import java.util.List;

/**
 * An action that only moves elements around (no arithmetic): it has a flat index map per element, so it acts on a
 * whole stack of tensors, one element per slice, with a single gather ({@link Gather}: whole rows where the maps move
 * contiguous runs, such as the features of a permuted point or a shifted feature map).
 */
interface IndexAction extends Action {

    /** The flat index map of {@code g} on a tensor of this shape, or null when g acts as the identity. */
    int[] flatIndex(GroupElement g, long[] shape);

    @Override
    default boolean exactInAnyDtype() {
        return true;
    }

    /** Index actions permute the entries of a tensor, which keeps its norm. */
    @Override
    default boolean preservesNorm() {
        return true;
    }

    /**
     * Above this many elements per slice (or 2^24 in a stack), the native per-element operations beat building and
     * uploading one flat index.
     */
    int FLAT_LIMIT = 1 << 18;

    @Override
    default Tensor applyEach(List<? extends GroupElement> elements, Tensor x) {
        long[] slice = x.shape();
        int n = FlatMaps.size(slice);
        long[] stackedShape = new long[slice.length + 1];
        stackedShape[0] = elements.size();
        System.arraycopy(slice, 0, stackedShape, 1, slice.length);
        if ((long) n * elements.size() > 1L << 24 || n > FLAT_LIMIT) {
            List<Tensor> parts = new java.util.ArrayList<>();
            long[] one = stackedShape.clone();
            one[0] = 1;
            for (GroupElement g : elements) {
                parts.add(apply(g, x).reshape(one));
            }
            return x.backend().concat(parts, 0);
        }
        return StackedIndex.each(this, elements, slice).apply(x, stackedShape);
    }

    @Override
    default Tensor applyStacked(List<? extends GroupElement> elements, Tensor stacked) {
        long[] shape = stacked.shape();
        long[] slice = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        int n = FlatMaps.size(slice);
        if ((long) n * elements.size() > 1L << 24 || n > FLAT_LIMIT) {
            return Action.super.applyStacked(elements, stacked);
        }
        Gather all = StackedIndex.of(this, elements, slice);
        return all == null ? stacked : all.apply(stacked, shape);
    }
}
