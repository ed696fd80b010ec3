package dev.equivariance.tensor;

import java.util.List;
import java.util.Optional;

/**
 * Service-provider interface that turns a user's model object (a DJL {@code Block}, a SameDiff graph, ...) into an
 * {@link AuditedModel}. Implementations are found with {@link java.util.ServiceLoader}; a provider whose backend is
 * not on the class path is skipped.
 */
public interface ModelAdapter {

    /**
     * Adapts {@code model}, or returns empty when this adapter does not know its type.
     *
     * @param inputShapes the shapes of the audit's inputs, for models that must be initialised first
     * @param dtype the requested element type, or {@code null} to keep the model's own
     */
    Optional<AuditedModel> adapt(Object model, List<long[]> inputShapes, DType dtype);

    /**
     * Adapts {@code model} onto the device the request selects among the backend's {@link TensorBackend#devices()},
     * or returns empty when this adapter does not know the model's type. The default adapts with
     * {@link #adapt(Object, List, DType)} and keeps the model where its backend put it: {@code auto} accepts that
     * device, an explicit request must match it. Adapters that can place models on a chosen device override this.
     *
     * @throws DeviceUnavailableException when the requested device cannot be had (the model is then closed)
     */
    default Optional<PlacedModel> place(Object model, List<long[]> inputShapes, DType dtype, DeviceRequest device) {
        Optional<AuditedModel> adapted = adapt(model, inputShapes, dtype);
        if (adapted.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PlacedModel.asIs(adapted.get(), device));
        } catch (RuntimeException e) {
            if (adapted.get() != model) {
                adapted.get().close();
            }
            throw e;
        }
    }

    /**
     * The object whose state an audit of {@code model} runs on, when this adapter knows the model's type and it is not
     * the object itself (a DJL {@code Model} runs its block); empty otherwise. Audits of models that share it take
     * turns.
     */
    default Optional<Object> sharedState(Object model) {
        return Optional.empty();
    }
}
