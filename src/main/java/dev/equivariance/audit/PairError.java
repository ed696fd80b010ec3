package dev.equivariance.audit;

/**
 * The error of one comparison f(g x) vs rho_out(g) f(x): {@code absolute} is the largest absolute difference over
 * all outputs, {@code relative} the Frobenius norm of the difference over the Frobenius norm of rho_out(g) f(x).
 */
public record PairError(double absolute, double relative) {

    /** Combines sums over outputs into a pair error. */
    static PairError of(double maxAbsDiff, double sumSqDiff, double sumSqExpected) {
        double num = Math.sqrt(sumSqDiff);
        double den = Math.sqrt(sumSqExpected);
        double rel;
        if (Double.isNaN(num)) {
            rel = Double.NaN;
        } else if (num == 0) {
            rel = 0;
        } else {
            rel = den > 0 ? num / den : 1.0;
        }
        return new PairError(maxAbsDiff, rel);
    }
}
