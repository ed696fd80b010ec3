package dev.equivariance.tensor;

import java.util.List;

/**
 * A model as the audit sees it: tensors in, tensors out, on one backend. Backend modules adapt DJL blocks,
 * TorchScript modules and SameDiff graphs to this interface.
 */
public interface AuditedModel extends AutoCloseable {

    /** A name for reports (class or file name). */
    String name();

    TensorBackend backend();

    /** The element type the model computes in; inputs are cast to it. */
    DType dtype();

    /**
     * Runs the model. Inputs are in {@link #dtype()} on the backend's device; outputs are new tensors in the current
     * scope.
     */
    List<Tensor> forward(List<Tensor> inputs);

    /** What kind of model this is, for messages: e.g. {@code DJL block}, {@code TorchScript module}. */
    default String kind() {
        return "model";
    }

    /** The layer-wise view of the model, when its backend exposes one. */
    default java.util.Optional<LayeredModel> layered() {
        return java.util.Optional.empty();
    }

    /** The differentiable view of the model, when its backend can compute gradients. */
    default java.util.Optional<DifferentiableModel> differentiable() {
        return java.util.Optional.empty();
    }

    /**
     * The same model computing in float64, for cross-checks of precision and of float32 gradients, when the backend
     * can provide it. The twin shares the model's parameters (converted); it is valid until the next call.
     */
    default java.util.Optional<AuditedModel> float64() {
        return java.util.Optional.empty();
    }

    /**
     * Whether the model contains batch normalisation, which in training mode normalises over the batch, so that a
     * sample's output depends on the other samples of its batch. Diagnosis uses it to tell batch statistics from rows
     * that interact by design (graph nodes). Empty when the backend cannot tell.
     */
    default java.util.Optional<Boolean> normalisesOverBatch() {
        return java.util.Optional.empty();
    }

    /** Remarks for the report on how the adapter prepared the model (e.g. how it initialised it); none by default. */
    default java.util.List<String> notes() {
        return java.util.List.of();
    }

    /** A short description of the mode the model runs in, e.g. {@code eval} or {@code training}. */
    default String mode() {
        return "eval";
    }

    /**
     * The object whose state this model runs on (a DJL block, a loaded TorchScript module, a SameDiff graph; by
     * default the model itself). Audits that share it take turns ({@code ModelTurns}): engines keep per-model state
     * (parameter swaps, modes, sessions) that concurrent calls would corrupt.
     */
    default Object sharedState() {
        return this;
    }

    /** Releases what the adapter owns (not what the user passed in, unless the adapter created it). */
    @Override
    default void close() {
    }
}
