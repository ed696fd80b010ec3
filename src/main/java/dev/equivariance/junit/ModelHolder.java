package dev.equivariance.junit;

import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.ModelAdapters;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test class's model: created once, adapted to its backend on first use, closed with the class (the
 * adapter's resources, and the user's object when it is {@link AutoCloseable}).
 */
@SuppressWarnings("deprecation")
final class ModelHolder implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final Object model;
    private final String displayName;
    private AuditedModel adapted;
    private boolean closed;

    ModelHolder(Object model, String displayName) {
        this.model = model;
        this.displayName = displayName;
    }

    /** The name reports use, e.g. {@code DeepSetsTest.model}. */
    String displayName() {
        return displayName;
    }

    Object model() {
        return model;
    }

    /** The adapted model; an uninitialised DJL block is initialised with the first audit's shapes and dtype. */
    synchronized AuditedModel adapted(List<long[]> shapes, DType dtype) {
        if (adapted == null) {
            adapted = ModelAdapters.adapt(model, shapes, dtype);
        }
        return adapted;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (adapted != null && adapted != model) {
            adapted.close();
        }
        if (model instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("Closing the model " + displayName + " failed: " + e.getMessage(), e);
            }
        }
    }
}
