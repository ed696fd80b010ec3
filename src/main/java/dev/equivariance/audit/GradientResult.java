package dev.equivariance.audit;

import java.util.List;

/**
 * The gradient audit: gradients of an invariant scalar loss must transform with the dual representation (input
 * gradients) and be unchanged (parameter gradients). Errors are measured against the scale of the gradients they
 * belong with ({@link #rule()}): a parameter's against its layer's gradient norm, an input's against its own, both
 * with a floor of 100 epsilon times the model's whole gradient norm. A gradient at or below the floor on both sides
 * is no gradient at all (float noise where the true gradient is zero, such as the key bias of attention): it is
 * listed in {@link #noGradient()}, not judged.
 *
 * @param loss the loss used, e.g. {@code sum of squares of the outputs}
 * @param inputGradientError max error of grad_x L(g x) vs rho(g^-1)^T grad_x L(x) against its scale; NaN if not
 *                           computed or no input has a gradient
 * @param parameterGradientError max error of grad_theta L(g x) vs grad_theta L(x) against its layer's scale; NaN
 *                               if not computed or no parameter has a gradient
 * @param worstParameters the parameters with the largest errors, worst first
 * @param noGradient inputs ({@code input #0}) and parameters whose gradient is zero to the floor on both sides
 * @param rule how the errors were measured, with the floor used
 * @param level the level of the worse of the two errors
 * @param note how the gradients were computed or why a check was skipped (e.g. a float64 cross-check)
 */
public record GradientResult(String loss, double inputGradientError, double parameterGradientError,
                             List<ParameterError> worstParameters, List<String> noGradient, String rule, Level level,
                             String note) {

    public GradientResult {
        worstParameters = List.copyOf(worstParameters);
        noGradient = List.copyOf(noGradient);
        rule = rule == null ? "" : rule;
    }

    /** A result without "no gradient" entries or a stated rule. */
    public GradientResult(String loss, double inputGradientError, double parameterGradientError,
                          List<ParameterError> worstParameters, Level level, String note) {
        this(loss, inputGradientError, parameterGradientError, worstParameters, List.of(), "", level, note);
    }

    /**
     * One parameter's gradient error: the norm of its gradient's change over the norm of its layer's gradient (at
     * least the floor).
     */
    public record ParameterError(String name, double relativeError) {
    }
}
