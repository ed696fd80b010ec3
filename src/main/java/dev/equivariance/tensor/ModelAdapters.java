package dev.equivariance.tensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the backend adapter for a user's model object through {@link ServiceLoader}. */
public final class ModelAdapters {

    private ModelAdapters() {
    }

    /**
     * Adapts a model object to the audit's view of it, on the backend's default device.
     *
     * @throws IllegalArgumentException when no backend on the class path knows the object's type
     */
    public static AuditedModel adapt(Object model, List<long[]> inputShapes, DType dtype) {
        return place(model, inputShapes, dtype, DeviceRequest.AUTO).model();
    }

    /**
     * Adapts a model object and places it on the requested device. An {@link AuditedModel} that no adapter knows is
     * used as it is, where it is (an explicit request must match its device). The result's model is the object
     * itself or a new adapter the caller closes.
     *
     * @throws IllegalArgumentException when no backend on the class path knows the object's type
     * @throws DeviceUnavailableException when the requested device cannot be had
     */
    public static PlacedModel place(Object model, List<long[]> inputShapes, DType dtype, DeviceRequest device) {
        if (model == null) {
            throw new IllegalArgumentException("No model to audit: the model supplier returned null");
        }
        Loaded loaded = loaded();
        List<String> skipped = new ArrayList<>(loaded.skipped());
        for (ModelAdapter adapter : loaded.adapters()) {
            Optional<PlacedModel> placed;
            try {
                placed = adapter.place(model, inputShapes, dtype, device);
            } catch (LinkageError e) {
                skipped.add(adapter.getClass().getSimpleName() + ": " + e);
                continue;
            }
            if (placed.isPresent()) {
                return placed.get();
            }
        }
        if (model instanceof AuditedModel m) {
            return PlacedModel.asIs(m, device);
        }
        throw new IllegalArgumentException("Cannot audit a model of type " + model.getClass().getName()
                + ": no backend on the class path knows it. Supported: DJL Block, Model or ZooModel (add ai.djl:api and"
                + " an engine such as ai.djl.pytorch:pytorch-engine), an ND4J SameDiff graph or SameDiffModel (add"
                + " org.nd4j:nd4j-native and its platform classifier), or an implementation of "
                + AuditedModel.class.getName() + (skipped.isEmpty() ? "" : ". Backends skipped: " + skipped));
    }

    /**
     * The object whose state an audit of {@code model} runs on: what the model's adapter names (a DJL {@code Model}'s
     * block), an {@link AuditedModel}'s {@link AuditedModel#sharedState()}, else the object itself. Audits whose models
     * share it take turns.
     */
    public static Object sharedState(Object model) {
        if (model instanceof AuditedModel m) {
            return m.sharedState();
        }
        if (model == null) {
            return NO_MODEL;
        }
        for (ModelAdapter adapter : loaded().adapters()) {
            try {
                Optional<Object> shared = adapter.sharedState(model);
                if (shared.isPresent()) {
                    return shared.get();
                }
            } catch (LinkageError e) {
                // a backend that cannot load does not know the model
            }
        }
        return model;
    }

    /** What audits without a model object share (they fail before they run anything). */
    private static final Object NO_MODEL = new Object();

    /** The adapters on the class path, and the ones that could not be loaded (with why). */
    private record Loaded(List<ModelAdapter> adapters, List<String> skipped) {
    }

    private static volatile Loaded loaded;

    /** Loads the adapters once: scanning the class path for services on every audit costs more than a forward pass. */
    private static Loaded loaded() {
        Loaded l = loaded;
        if (l != null) {
            return l;
        }
        List<ModelAdapter> adapters = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Iterator<ModelAdapter> it = ServiceLoader.load(ModelAdapter.class, ModelAdapters.class.getClassLoader())
                .iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                adapters.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                skipped.add(e.getMessage());
            }
        }
        l = new Loaded(List.copyOf(adapters), List.copyOf(skipped));
        loaded = l;
        return l;
    }
}
