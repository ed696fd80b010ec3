package dev.equivariance.audit;

import dev.equivariance.tensor.DType;
import java.util.Locale;

/**
 * Thresholds on the relative error that separate the levels: below {@code exact} is {@link Level#EXACT}, below
 * {@code pass} {@link Level#EXCELLENT}, below {@code broken} {@link Level#APPROXIMATE}, and from {@code broken} on
 * {@link Level#BROKEN}.
 */
public record Tolerance(double exact, double pass, double broken) {

    public Tolerance {
        if (!(exact > 0 && exact <= pass && pass <= broken)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Tolerance thresholds must satisfy 0 < exact <= pass <= broken, got %g, %g, %g", exact, pass,
                    broken));
        }
    }

    /** The defaults for a dtype: float32 1e-6 / 1e-4 / 1e-2; float64 1e-12 / 1e-9 / 1e-2; half 1e-3 / 1e-2 / 1e-1. */
    public static Tolerance forDtype(DType dtype) {
        return switch (dtype) {
            case FLOAT64, INT64 -> new Tolerance(1e-12, 1e-9, 1e-2);
            case FLOAT32 -> new Tolerance(1e-6, 1e-4, 1e-2);
            case FLOAT16, BFLOAT16 -> new Tolerance(1e-3, 1e-2, 1e-1);
        };
    }

    /** These thresholds with the pass threshold replaced (exact and broken widen if they must). */
    public Tolerance withPass(double newPass) {
        if (!(newPass > 0) || !Double.isFinite(newPass)) {
            throw new IllegalArgumentException("A tolerance must be a positive number, got " + newPass);
        }
        return new Tolerance(Math.min(exact, newPass), newPass, Math.max(broken, newPass));
    }

    /** The level of a relative error. NaN is broken. */
    public Level classify(double relativeError) {
        if (!(relativeError < broken)) {
            return Level.BROKEN;
        }
        if (relativeError < exact) {
            return Level.EXACT;
        }
        return relativeError < pass ? Level.EXCELLENT : Level.APPROXIMATE;
    }

    /** Whether an error passes (exact or excellent). */
    public boolean passes(double relativeError) {
        return relativeError < pass;
    }
}
