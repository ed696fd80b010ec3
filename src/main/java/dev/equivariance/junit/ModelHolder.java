package dev.equivariance.junit;

import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DeviceRequest;
import dev.equivariance.tensor.ModelAdapters;
import dev.equivariance.tensor.PlacedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test class's model: created once, adapted to its backend on first use for each requested device, closed with
 * the class (the adapters' resources, and the user's object when it is {@link AutoCloseable}).
 */
@SuppressWarnings("deprecation")
final class ModelHolder implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final Object model;
    private final String displayName;
    private final Map<DeviceRequest, PlacedModel> placed = new LinkedHashMap<>();
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

    /**
     * The model on the requested device, adapted once per request; an uninitialised DJL block is initialised with the
     * first audit's shapes and dtype.
     *
     * @throws dev.equivariance.tensor.DeviceUnavailableException when the device cannot be had
     */
    synchronized PlacedModel placed(List<long[]> shapes, DType dtype, DeviceRequest device) {
        PlacedModel p = placed.get(device);
        if (p == null) {
            p = ModelAdapters.place(model, shapes, dtype, device);
            placed.put(device, p);
        }
        if (dtype != null && p.model().dtype() != dtype) {
            // the class's model was adapted for an earlier audit in another dtype
            java.util.Optional<AuditedModel> twin = dtype == DType.FLOAT64 ? p.model().float64()
                    : java.util.Optional.empty();
            if (twin.isEmpty()) {
                throw new IllegalArgumentException("dtype = \"" + dtype + "\" asked for, but the class's model "
                        + displayName + " already runs in " + p.model().dtype() + " for an earlier audit and cannot be "
                        + "converted; supply a separate @ModelUnderTest built in " + dtype + " and select it with "
                        + "model = \"...\"");
            }
            return new PlacedModel(twin.get(), p.selection());
        }
        return p;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PlacedModel p : placed.values()) {
            AuditedModel adapted = p.model();
            if (adapted != model) {
                adapted.close();
            }
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
