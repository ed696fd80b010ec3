package dev.equivariance.audit;

/**
 * What axis 0 of the model's inputs and outputs means. Models written as PyTorch Geometric or e3nn write them (one
 * graph or point cloud, positions {@code [N, 3]}, features {@code [N, F]}, an energy {@code [1]}) have no batch axis:
 * axis 0 indexes nodes, which interact. Stacking transformed inputs along such an axis would build one big graph, so
 * the audit stacks only along a batch axis that is declared or verified.
 */
public enum BatchAxis {
    /**
     * Find out (the default): on the first input a, compare a's rows of f(stack(a, b)) with f(a) for another input b;
     * stack transformed inputs only when they agree to the dtype's precision, otherwise run one transformed input per
     * forward pass.
     */
    AUTO,
    /** Axis 0 holds independent samples: transformed inputs are stacked along it without a check. */
    INDEPENDENT,
    /** There is no batch axis (a graph, a point cloud, a single sample): one transformed input per forward pass. */
    NONE
}
