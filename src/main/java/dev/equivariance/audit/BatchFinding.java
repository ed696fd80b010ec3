package dev.equivariance.audit;

import java.util.Locale;

/**
 * What the audit knows about axis 0 of a model's inputs: declared, verified, or found not to be a batch of
 * independent samples, with the measured gap that decided it.
 *
 * @param kind what was declared or found
 * @param gap the relative difference between rows run together and apart (NaN when not measured)
 * @param fixedBatch whether the model refused a batch of another size (an export with a fixed batch)
 */
record BatchFinding(Kind kind, double gap, boolean fixedBatch) {

    /** What axis 0 is. */
    enum Kind {
        /** Declared a batch of independent samples ({@link BatchAxis#INDEPENDENT}). */
        DECLARED_INDEPENDENT,
        /** Verified: a's rows of f(stack(a, b)) equal f(a), or replacing the other rows leaves row 0's output. */
        VERIFIED_INDEPENDENT,
        /** Declared absent ({@link BatchAxis#NONE}). */
        DECLARED_NONE,
        /** An input's action moves axis 0, so it is not a batch axis. */
        ACTED_ON,
        /** The rows of axis 0 interact: a row's output depends on the other rows. */
        ROWS_INTERACT,
        /** The outputs do not keep axis 0 (an energy {@code [1]}, a pooled result): it is not a batch axis. */
        OUTPUT_LOSES_BATCH,
        /** Nothing could be measured (a batch of one that the model refuses to grow). */
        UNKNOWN
    }

    static BatchFinding of(Kind kind) {
        return new BatchFinding(kind, Double.NaN, false);
    }

    /** Whether rows may be stacked and split again: declared or verified independent (and the batch can grow). */
    boolean allowsStacking() {
        return (kind == Kind.DECLARED_INDEPENDENT || kind == Kind.VERIFIED_INDEPENDENT) && !fixedBatch;
    }

    /** Whether axis 0 holds independent samples (so shrinking may keep one row of it). */
    boolean rowsIndependent() {
        return kind == Kind.DECLARED_INDEPENDENT || kind == Kind.VERIFIED_INDEPENDENT;
    }

    /** A sentence for the report's notes, or null when nothing needs saying. */
    String note() {
        String measured = Double.isNaN(gap) ? "" : String.format(Locale.ROOT, " (relative difference %.3g)", gap);
        return switch (kind) {
            case DECLARED_INDEPENDENT -> null;
            case VERIFIED_INDEPENDENT -> fixedBatch ? "Batch axis: the model accepts only its own batch size, so each "
                    + "transformed input ran in its own forward pass; its rows were verified independent" + measured
                    + "." : null;
            case DECLARED_NONE -> "Batch axis: none (declared), so each transformed input ran in its own forward pass.";
            case ACTED_ON -> "Batch axis: none, since an input's action moves axis 0; each transformed input ran in its "
                    + "own forward pass.";
            case ROWS_INTERACT -> "Batch axis: none found. Rows of axis 0 interact: run together with other rows they "
                    + "give other outputs than run apart" + measured + ", as in a graph or point cloud without a batch "
                    + "axis, so each transformed input ran in its own forward pass. Declare batchAxis = NONE to skip "
                    + "this check.";
            case OUTPUT_LOSES_BATCH -> "Batch axis: none found. The outputs do not keep axis 0 (they do not grow with a "
                    + "stacked input), so each transformed input ran in its own forward pass. Declare batchAxis = NONE "
                    + "to skip this check.";
            case UNKNOWN -> "Batch axis: not verified (the model accepts no larger batch and the input has one row), "
                    + "so each transformed input ran in its own forward pass.";
        };
    }
}
