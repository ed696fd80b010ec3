package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.tensor.Tensor;

/** Every element acts as the identity: the tensor is invariant. */
final class TrivialAction implements Action {

    static final TrivialAction INSTANCE = new TrivialAction();

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        return x;
    }

    @Override
    public Tensor applyStacked(java.util.List<? extends GroupElement> elements, Tensor stacked) {
        return stacked;
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        return this;
    }

    @Override
    public String describe() {
        return "trivial";
    }

    @Override
    public boolean exactInAnyDtype() {
        return true;
    }

    @Override
    public boolean preservesNorm() {
        return true;
    }

    @Override
    public boolean isTrivial() {
        return true;
    }

    @Override
    public boolean touchesAxis(int axis, int rank) {
        return false;
    }

    @Override
    public String toString() {
        return describe();
    }
}
