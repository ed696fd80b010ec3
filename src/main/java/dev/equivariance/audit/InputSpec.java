package dev.equivariance.audit;

import dev.equivariance.rep.Action;
import dev.equivariance.search.InputSource;
import java.util.Arrays;

/** One model input: its shape (batch axis included), how the group acts on it, and how values are drawn. */
public record InputSpec(long[] shape, Action action, InputSource source) {

    public InputSpec {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("An input needs a shape with at least one axis (the batch axis), "
                    + "e.g. inputShape = {4, 10, 3}");
        }
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("Input shape " + Arrays.toString(shape)
                        + " has a non-positive dimension");
            }
        }
        shape = shape.clone();
        if (source == null) {
            source = InputSource.gaussian();
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return Arrays.toString(shape) + " " + action.describe();
    }
}
