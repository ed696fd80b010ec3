package dev.equivariance.audit;

/**
 * What kind of problem an {@link Issue} is. Tests, the JSON report and tools match on the kind; the title is what a
 * person reads.
 */
public enum IssueKind {
    /** The same input in the same batch gives different outputs on two calls (dropout on, random kernels). */
    NONDETERMINISTIC_MODEL("Nondeterministic model"),
    /** A sample's output depends on the other samples of its batch (batch norm in training mode). */
    BATCH_COMPOSITION_DEPENDENCE("Batch composition dependence"),
    /** Axis 0 was declared a batch of independent samples, but its rows interact (a graph or set without batch axis). */
    INTERACTING_ROWS("Rows of the declared batch axis interact"),
    /** The output transforms, but not as declared (an invariant declared equivariant, or the other way round). */
    WRONG_OUTPUT_ACTION("Wrong output action"),
    /** The outputs do not depend on an input the group acts on (hard-coded connectivity instead of edge_index). */
    IGNORED_INPUT("Input ignored by the model"),
    /** The model is equivariant under the inverse convention: rho(g^-1) where rho(g) is declared (x R for x R^T). */
    INVERSE_CONVENTION("Inverse convention"),
    /** The identity element fails, and no finer cause explained why. */
    IDENTITY_FAILS("Fails for the identity"),
    /** The error is round-off: a float64 rerun removes it. */
    NUMERICAL_PRECISION("Numerical precision"),
    /**
     * The error comes from interpolation (rotations of a grid by angles that are not multiples of 90 degrees): the
     * elements that move the grid exactly pass, and a float64 rerun shows the same error.
     */
    DISCRETISATION("Discretisation (interpolation)"),
    /** The error lives at the borders of a grid (zero padding under shifts or rotations). */
    PADDING_BOUNDARY("Padding / boundary effects"),
    /** A pointwise nonlinearity is applied to features that transform non-trivially. */
    NON_EQUIVARIANT_NONLINEARITY("Non-equivariant nonlinearity"),
    /** One layer breaks equivariance on its own while every other layer keeps it. */
    CUSTOM_LAYER_BUG("Custom layer bug"),
    /** The first layer whose activation breaks, when the break is not isolated in it. */
    BREAKING_LAYER("Equivariance breaks at a layer"),
    /** The outputs are so small that their squares underflow the dtype: comparisons and losses lose their digits. */
    OUTPUT_UNDERFLOW("Outputs too small to judge (underflow)"),
    /** The forward pass is equivariant, but the gradients do not transform with the group. */
    GRADIENTS_BREAK_SYMMETRY("Gradients break the symmetry"),
    /** The forward pass is broken, and the gradients fail with it (a consequence, not a second cause). */
    GRADIENTS_FOLLOW_FORWARD("Gradients fail with the forward pass"),
    /** The loss or its gradients overflow the dtype, so the gradients cannot be judged in it. */
    LOSS_OVERFLOW("Loss overflows"),
    /** The whole gradient is zero or below the dtype's normal range, so it cannot be judged in it. */
    GRADIENT_UNDERFLOW("Gradients too small to judge (underflow)"),
    /** The float32 gradients are wrong on this platform while float64 ones agree. */
    NUMERICAL_PLATFORM_PROBLEM("Numerical platform problem in float32 gradients"),
    /** No tested element moved any input: the audit could not have failed. */
    VACUOUS_AUDIT("Vacuous audit"),
    /** CPU and GPU give different results. */
    DEVICE_DEPENDENCE("Results depend on the device");

    private final String title;

    IssueKind(String title) {
        this.title = title;
    }

    /** The title a report prints. */
    public String title() {
        return title;
    }
}
