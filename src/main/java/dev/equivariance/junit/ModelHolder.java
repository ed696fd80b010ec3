package dev.equivariance.junit;

import dev.equivariance.audit.ModelTurns;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DeviceRequest;
import dev.equivariance.tensor.ModelAdapters;
import dev.equivariance.tensor.PlacedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test class's model: created once, adapted to its backend on first use for each requested device, closed with
 * the class (the adapters' resources, and the user's object when it is {@link AutoCloseable}).
 *
 * <p>The dtype the model is adapted in does not depend on which test runs first: it is the one dtype every test of
 * the class that uses this model declares, or the model's own (float32 for a DJL block that is not initialised) when
 * they declare different ones or none. A test that asks for another dtype gets the model's float64 twin, or an error
 * saying why it cannot run in it.
 */
@SuppressWarnings("deprecation")
final class ModelHolder implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final Object model;
    private final String displayName;
    private final DType classDtype;
    private final String dtypeReason;
    private final Map<DeviceRequest, PlacedModel> placed = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param classDtype the dtype to adapt the model in, or null for the model's own
     * @param dtypeReason why, for messages (e.g. "its tests declare float64 and the default")
     */
    ModelHolder(Object model, String displayName, DType classDtype, String dtypeReason) {
        this.model = model;
        this.displayName = displayName;
        this.classDtype = classDtype;
        this.dtypeReason = dtypeReason;
    }

    /** The name reports use, e.g. {@code DeepSetsTest.model}. */
    String displayName() {
        return displayName;
    }

    Object model() {
        return model;
    }

    /**
     * The model on the requested device in the requested dtype (null: the model's own), adapted once per device; an
     * uninitialised DJL block is initialised with the first audit's shapes in the class's dtype.
     *
     * @throws dev.equivariance.tensor.DeviceUnavailableException when the device cannot be had
     * @throws DtypeUnavailable when the model cannot run in the requested dtype
     */
    synchronized PlacedModel placed(List<long[]> shapes, DType dtype, DeviceRequest device) {
        if (closed) {
            throw new IllegalStateException("The model " + displayName + " was already closed with its test class");
        }
        PlacedModel p = placed.get(device);
        if (p == null) {
            try {
                p = ModelAdapters.place(model, shapes, classDtype, device);
            } catch (IllegalArgumentException e) {
                if (classDtype == null) {
                    throw e;
                }
                // built in another dtype than its tests declare: adapt it as it is, and convert per test below
                try {
                    p = ModelAdapters.place(model, shapes, null, device);
                } catch (IllegalArgumentException again) {
                    e.addSuppressed(again);
                    throw e;
                }
            }
            placed.put(device, p);
        }
        if (dtype == null || p.model().dtype() == dtype) {
            return p;
        }
        Optional<AuditedModel> twin = dtype == DType.FLOAT64 ? p.model().float64() : Optional.empty();
        if (twin.isEmpty()) {
            throw new DtypeUnavailable("the class's model " + displayName + " runs in " + p.model().dtype() + " ("
                    + dtypeReason + ") and " + (dtype == DType.FLOAT64 ? "has no float64 copy"
                    : "can only be converted to float64") + ", so this test cannot run in " + dtype + ". Give it its "
                    + "own @ModelUnderTest built in " + dtype + " and select it with model = \"...\"");
        }
        return new PlacedModel(twin.get(), p.selection());
    }

    /** Closes the adapters and the model in the model's turn, so that no other class's audit of it is cut short. */
    @Override
    public void close() {
        ModelTurns.take(model, () -> {
            closeInTurn();
            return null;
        });
    }

    private synchronized void closeInTurn() {
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

    /** The model cannot run in the dtype a test declares. */
    static final class DtypeUnavailable extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        DtypeUnavailable(String message) {
            super(message);
        }
    }
}
