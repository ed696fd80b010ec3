package dev.equivariance.tensor;

import java.util.List;

/**
 * A scalar loss of a model's outputs for the gradient audit. It must be invariant under the output action (the
 * default, the sum of squares, is invariant under every orthogonal action) and built from differentiable tensor
 * operations ({@link Tensor#multiply}, {@link Tensor#sum}, ...).
 */
@FunctionalInterface
public interface Loss {

    /** The sum of squares of every output: invariant under orthogonal output actions. */
    Loss SUM_OF_SQUARES = outputs -> {
        Tensor total = null;
        for (Tensor y : outputs) {
            Tensor s = y.multiply(y).sum();
            total = total == null ? s : total.add(s);
        }
        return total;
    };

    /** The loss as a tensor with one element. */
    Tensor apply(List<Tensor> outputs);
}
