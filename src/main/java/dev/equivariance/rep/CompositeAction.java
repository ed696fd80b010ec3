package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Several actions on different axes of one tensor, applied in turn: e.g. p4 features rotate the plane and shift
 * the rotation channels; a point cloud under {@code SO(3) x S(n)} permutes points and rotates their coordinates.
 */
final class CompositeAction implements Action {

    private final List<Action> parts;

    CompositeAction(List<Action> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public List<Action> parts() {
        return parts;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        Tensor y = x;
        for (Action a : parts) {
            y = a.apply(g, y);
        }
        return y;
    }

    @Override
    public Tensor applyEach(java.util.List<? extends GroupElement> elements, Tensor x) {
        Tensor y = parts.get(0).applyEach(elements, x);
        for (int i = 1; i < parts.size(); i++) {
            y = parts.get(i).applyStacked(elements, y);
        }
        return y;
    }

    @Override
    public Tensor applyStacked(java.util.List<? extends GroupElement> elements, Tensor stacked) {
        Tensor y = stacked;
        for (Action a : parts) {
            y = a.applyStacked(elements, y);
        }
        return y;
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        List<Action> bound = new ArrayList<>();
        for (Action a : parts) {
            bound.add(a.bind(shape, group));
        }
        return IndexComposite.of(bound);
    }

    @Override
    public java.util.Map<String, Integer> sizeHints(long[] shape) {
        java.util.Map<String, Integer> hints = new java.util.HashMap<>();
        for (Action a : parts) {
            a.sizeHints(shape).forEach(hints::putIfAbsent);
        }
        return hints;
    }

    @Override
    public int[] gridAxes(int rank) {
        for (Action a : parts) {
            int[] g = a.gridAxes(rank);
            if (g.length == 2) {
                return g;
            }
        }
        return new int[0];
    }

    @Override
    public boolean interpolates(GroupElement g) {
        return parts.stream().anyMatch(a -> a.interpolates(g));
    }

    @Override
    public Tensor compared(Tensor stacked) {
        Tensor y = stacked;
        for (Action a : parts) {
            y = a.compared(y);
        }
        return y;
    }

    @Override
    public boolean exactInAnyDtype() {
        return parts.stream().allMatch(Action::exactInAnyDtype);
    }

    @Override
    public boolean preservesNorm() {
        return parts.stream().allMatch(Action::preservesNorm);
    }

    @Override
    public boolean isTrivial() {
        return parts.stream().allMatch(Action::isTrivial);
    }

    @Override
    public boolean touchesAxis(int axis, int rank) {
        return parts.stream().anyMatch(a -> a.touchesAxis(axis, rank));
    }

    @Override
    public Action dual() {
        return IndexComposite.of(parts.stream().map(Action::dual).toList());
    }

    @Override
    public String describe() {
        StringJoiner j = new StringJoiner(" & ");
        parts.forEach(p -> j.add(p.describe()));
        return j.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
