package dev.equivariance.tensor;

import java.util.List;
import java.util.Map;

/**
 * The gradients of a scalar loss of a model's outputs: one per input, and one per named parameter (in the model's
 * own parameter order).
 */
public record Gradients(double loss, List<Tensor> inputs, Map<String, Tensor> parameters) {
}
