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
}
