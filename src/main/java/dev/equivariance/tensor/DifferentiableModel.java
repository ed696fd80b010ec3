package dev.equivariance.tensor;

import java.util.List;

/** A model the gradient audit can differentiate: input gradients and parameter gradients of a scalar loss. */
public interface DifferentiableModel {

    /** Computes {@code loss(f(inputs))} and its gradients with respect to the inputs and every parameter. */
    Gradients gradients(List<Tensor> inputs, Loss loss);
}
