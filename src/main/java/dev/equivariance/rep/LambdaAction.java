package dev.equivariance.rep;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.tensor.Tensor;
import java.util.function.BiFunction;

/** A user-defined action given as a function of the element and the tensor. */
final class LambdaAction implements Action {

    private final String name;
    private final BiFunction<GroupElement, Tensor, Tensor> function;

    LambdaAction(String name, BiFunction<GroupElement, Tensor, Tensor> function) {
        this.name = name;
        this.function = function;
    }

    @Override
    public Tensor apply(GroupElement g, Tensor x) {
        Tensor y = function.apply(g, x);
        if (y == null) {
            throw new IllegalStateException("The custom action '" + name + "' returned null for " + g);
        }
        return y;
    }

    @Override
    public Action bind(long[] shape, Group<?> group) {
        return this;
    }

    /** Unknown: a custom action may move anything, so the audit does not stack inputs along the batch axis. */
    @Override
    public boolean touchesAxis(int axis, int rank) {
        return true;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
