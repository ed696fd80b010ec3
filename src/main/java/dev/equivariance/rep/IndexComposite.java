package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A composite of index actions (e.g. p4 features: a quarter turn of the plane and a shift of the rotation channels)
 * is itself an index action: its flat map is the composition of its parts' maps, so a whole stack moves in one
 * gather instead of one pass per part.
 */
final class IndexComposite implements IndexAction {

    private final CompositeAction composite;
    private final List<IndexAction> parts;

    private IndexComposite(CompositeAction composite, List<IndexAction> parts) {
        this.composite = composite;
        this.parts = parts;
    }

    /** The composite of these parts: an index action when every part is one. */
    static Action of(List<Action> parts) {
        CompositeAction composite = new CompositeAction(parts);
        if (!parts.stream().allMatch(p -> p instanceof IndexAction)) {
            return composite;
        }
        return new IndexComposite(composite, parts.stream().map(p -> (IndexAction) p).toList());
    }

    @Override
    public int[] flatIndex(GroupElement g, long[] shape) {
        int[] map = null;
        for (IndexAction part : parts) {
            int[] m = part.flatIndex(g, shape);
            if (m != null) {
                map = map == null ? m : FlatMaps.then(map, m);
            }
        }
        return map;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        return composite.apply(g, x);
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        return composite.bind(shape, group);
    }

    @Override
    public String describe() {
        return composite.describe();
    }

    @Override
    public boolean interpolates(GroupElement g) {
        return composite.interpolates(g);
    }

    @Override
    public Tensor compared(Tensor stacked) {
        return composite.compared(stacked);
    }

    @Override
    public boolean preservesNorm() {
        return composite.preservesNorm();
    }

    @Override
    public boolean isTrivial() {
        return composite.isTrivial();
    }

    @Override
    public boolean touchesAxis(int axis, int rank) {
        return composite.touchesAxis(axis, rank);
    }

    @Override
    public Map<String, Integer> sizeHints(long[] shape) {
        return composite.sizeHints(shape);
    }

    @Override
    public int[] gridAxes(int rank) {
        return composite.gridAxes(rank);
    }

    @Override
    public Action dual() {
        return composite.dual();
    }

    @Override
    public List<Action> parts() {
        return composite.parts();
    }

    /** Equal when built the same way, so that gathers are reused across audits of the same spec. */
    @Override
    public boolean equals(Object other) {
        return other instanceof IndexComposite o && parts.equals(o.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
