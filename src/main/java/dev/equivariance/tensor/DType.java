package dev.equivariance.tensor;

import java.util.Locale;

/** Floating-point element types an audit understands. */
public enum DType {
    FLOAT16(1e-3),
    BFLOAT16(8e-3),
    FLOAT32(1.2e-7),
    FLOAT64(2.2e-16),
    /** 64-bit integers (graph indices such as {@code edge_index}); exact, never cast to a floating type. */
    INT64(0);

    private final double epsilon;

    DType(double epsilon) {
        this.epsilon = epsilon;
    }

    /** The machine epsilon (relative spacing of numbers near 1). */
    public double epsilon() {
        return epsilon;
    }

    /** Parses {@code float32}, {@code f32}, {@code double}, ... */
    public static DType parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "float16": case "f16": case "half":
                return FLOAT16;
            case "bfloat16": case "bf16":
                return BFLOAT16;
            case "float32": case "f32": case "float":
                return FLOAT32;
            case "float64": case "f64": case "double":
                return FLOAT64;
            case "int64": case "long": case "i64":
                return INT64;
            default:
                throw new IllegalArgumentException("Unknown dtype '" + s + "': use float32 or float64");
        }
    }

    /** Whether this is an integer type (values are indices or counts, not measurements). */
    public boolean isInteger() {
        return this == INT64;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
