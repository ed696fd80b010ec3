package dev.equivariance.audit;

/** The overall outcome of an audit. */
public enum Verdict {
    /** Equivariant (exact or excellent). */
    PASS,
    /** Approximately equivariant: investigate, or declare that approximate is expected. */
    NEEDS_ATTENTION,
    /** Not equivariant. */
    FAIL;

    /** The verdict for an error level. */
    public static Verdict of(Level level) {
        return switch (level) {
            case EXACT, EXCELLENT -> PASS;
            case APPROXIMATE -> NEEDS_ATTENTION;
            case BROKEN -> FAIL;
        };
    }

    /** The worse of two verdicts. */
    public Verdict and(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
