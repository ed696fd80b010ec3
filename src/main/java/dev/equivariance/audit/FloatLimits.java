package dev.equivariance.audit;

import dev.equivariance.tensor.DType;
import java.util.Locale;

/**
 * Where a dtype stops telling numbers apart: its machine epsilon and its smallest normal number. Values whose squares
 * fall below the smallest normal lose their digits in a sum of squares (a norm, a sum-of-squares loss), and gradients
 * that small are no longer computed with the dtype's relative precision.
 */
final class FloatLimits {

    private FloatLimits() {
    }

    /** The smallest positive normal number of the dtype. */
    static double minNormal(DType dtype) {
        return switch (dtype) {
            case FLOAT64, INT64 -> Double.MIN_NORMAL;
            case FLOAT32, BFLOAT16 -> Float.MIN_NORMAL;
            case FLOAT16 -> 6.103515625e-5;
        };
    }

    /** The largest finite number of the dtype. */
    static double max(DType dtype) {
        return switch (dtype) {
            case FLOAT64 -> Double.MAX_VALUE;
            case INT64 -> Long.MAX_VALUE;
            case FLOAT32 -> Float.MAX_VALUE;
            case BFLOAT16 -> 3.3895313892515355e38;
            case FLOAT16 -> 65504;
        };
    }

    /**
     * The norm below which a tensor's squares start to underflow the dtype, so a norm or a sum-of-squares loss
     * computed in it loses digits or becomes 0: the square root of the smallest normal number (about 1.1e-19 for
     * float32).
     */
    static double squaresUnderflowBelow(DType dtype) {
        return Math.sqrt(minNormal(dtype));
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3g", v);
    }
}
