package dev.equivariance.audit;

import java.util.List;

/**
 * The gradient audit: gradients of an invariant scalar loss must transform with the dual representation (input
 * gradients) and be unchanged (parameter gradients).
 *
 * @param loss the loss used, e.g. {@code sum of squares of the outputs}
 * @param inputGradientError max relative error of grad_x L(g x) vs rho(g^-1)^T grad_x L(x), NaN if not computed
 * @param parameterGradientError max relative error of grad_theta L(g x) vs grad_theta L(x), NaN if not computed
 * @param worstParameters the parameters with the largest errors, worst first
 * @param level the level of the worse of the two errors
 * @param note how the gradients were computed or why a check was skipped (e.g. a float64 cross-check)
 */
public record GradientResult(String loss, double inputGradientError, double parameterGradientError,
                             List<ParameterError> worstParameters, Level level, String note) {

    public GradientResult {
        worstParameters = List.copyOf(worstParameters);
    }

    /** One parameter's gradient error. */
    public record ParameterError(String name, double relativeError) {
    }
}
