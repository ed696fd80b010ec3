package dev.equivariance.audit;

/** How close a measured relative error is to exact equivariance. */
public enum Level {
    /** Within floating-point precision of the dtype. */
    EXACT,
    /** Small: passes. */
    EXCELLENT,
    /** Noticeable: acceptable only where approximate equivariance is by design; otherwise investigate. */
    APPROXIMATE,
    /** The symmetry is broken: fix the model or the declared actions. */
    BROKEN
}
