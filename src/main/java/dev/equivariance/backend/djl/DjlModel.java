package dev.equivariance.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SymbolBlock;
import ai.djl.training.ParameterStore;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DifferentiableModel;
import dev.equivariance.tensor.LayeredModel;
import dev.equivariance.tensor.ModelClosedException;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A DJL {@link Block} (a plain block, the block of a {@code Model}) seen by the audit. Parameters belong to the
 * block for its whole life: closing this adapter frees only the audit's own arrays.
 */
class DjlModel implements AuditedModel {


    private final String name;
    private final Block block;
    private final DjlBackend backend;
    private final DType dtype;
    private final ParameterStore parameters;
    private final boolean training;
    private final ParameterCopies placed;
    private ParameterCopies float64;
    private final List<String> notes = new ArrayList<>();

    DjlModel(String name, Block block, DjlBackend backend, DType dtype, boolean training) {
        this(name, block, backend, dtype, training, null);
    }

    /**
     * @param placed copies of the block's parameters that stand in for them while this model runs (on the backend's
     *               device, or in float64 for a twin), or null to run the block's own parameters
     */
    DjlModel(String name, Block block, DjlBackend backend, DType dtype, boolean training, ParameterCopies placed) {
        this.name = name;
        this.block = block;
        this.backend = backend;
        this.dtype = dtype;
        this.parameters = new ParameterStore(backend.current(), false);
        this.training = training;
        this.placed = placed;
    }

    /** Adds a remark for the report (how the auditor initialised the block). */
    void addNote(String note) {
        notes.add(note);
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Puts this model's parameter copies in place (if it has any) until the handle is closed. */
    ParameterCopies.Swapped swapIn() {
        return placed == null ? ParameterCopies.Swapped.NONE : placed.swapIn();
    }

    /** The copies standing in for the block's parameters, or null. */
    ParameterCopies placedParameters() {
        return placed;
    }

    Block block() {
        return block;
    }

    ParameterStore parameterStore() {
        return parameters;
    }

    boolean training() {
        return training;
    }

    DjlBackend djlBackend() {
        return backend;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TensorBackend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public java.util.Optional<Boolean> normalisesOverBatch() {
        return java.util.Optional.of(containsBatchNorm(block));
    }

    private static boolean containsBatchNorm(Block b) {
        if (b instanceof ai.djl.nn.norm.BatchNorm) {
            return true;
        }
        for (Block child : b.getChildren().values()) {
            if (containsBatchNorm(child)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String mode() {
        return training ? "training" : "eval";
    }

    /** The block: adapters of one block (on several devices, in float64) run on its parameters. */
    @Override
    public Object sharedState() {
        return block;
    }

    @Override
    public String kind() {
        return "DJL block";
    }

    @Override
    public List<Tensor> forward(List<Tensor> inputs) {
        NDList in = new NDList();
        for (Tensor t : inputs) {
            in.add(DjlBackend.unwrap(t));
        }
        NDList out;
        try (NoGrad off = NoGrad.enter(backend)) {
            out = runBlock(in);
        } catch (IllegalStateException e) {
            if (ModelClosedException.isClosedError(e)) {
                throw ModelClosedException.of(name, "DJL: " + e.getMessage(), e);
            }
            throw e;
        }
        List<Tensor> result = new ArrayList<>(out.size());
        for (NDArray o : out) {
            result.add(adopt(o, inputs));
        }
        return result;
    }

    /** Runs the block with this model's parameters; subclasses change how (TorchScript modes). */
    NDList runBlock(NDList in) {
        try (ParameterCopies.Swapped s = swapIn()) {
            return block.forward(parameters, in, training);
        }
    }

    /**
     * Runs the block so that gradients can flow (TorchScript must not run in inference mode for this). The caller has
     * swapped this model's parameters in.
     */
    NDList runForGradients(NDList in) {
        return block.forward(parameters, in, training);
    }

    /** Takes ownership of a computed array, or copies it when it is an input or belongs to the model. */
    Tensor adopt(NDArray o, List<Tensor> inputs) {
        boolean isInput = inputs.stream().anyMatch(t -> DjlBackend.unwrap(t) == o);
        return !isInput && isUnder(o.getManager(), backend.current()) ? backend.own(o) : backend.copyOf(o);
    }

    /** Whether an array's manager is the scope or one of its descendants (so the audit may own the array). */
    private static boolean isUnder(NDManager manager, NDManager scope) {
        for (NDManager m = manager; m != null; m = m.getParentManager()) {
            if (m == scope) {
                return true;
            }
        }
        return false;
    }

    /** The same block run in training mode (batch statistics, dropout), sharing this adapter's backend. */
    DjlModel inTrainingMode() {
        DjlModel m = new DjlModel(name, block, backend, dtype, true);
        notes.forEach(m::addNote);
        return m;
    }

    @Override
    public Optional<LayeredModel> layered() {
        return DjlLayers.of(this);
    }

    @Override
    public Optional<DifferentiableModel> differentiable() {
        return Optional.of(new DjlGradients(this));
    }

    /**
     * The block computing in float64: its parameters are swapped for float64 copies while the twin runs. Not for
     * symbol blocks (TorchScript), whose weights live inside the engine.
     */
    @Override
    public Optional<AuditedModel> float64() {
        if (dtype == DType.FLOAT64) {
            return Optional.of(this);
        }
        if (block instanceof SymbolBlock) {
            return Optional.empty();
        }
        if (float64 == null) {
            float64 = ParameterCopies.of(block, backend.deviceObject(), ai.djl.ndarray.types.DataType.FLOAT64)
                    .orElse(null);
        }
        return float64 == null ? Optional.empty() : Optional.of(new Float64Twin(this, float64));
    }

    @Override
    public void close() {
        if (float64 != null) {
            float64.close();
        }
        if (placed != null) {
            placed.close();
        }
        backend.close();
    }

    @Override
    public String toString() {
        return name;
    }

    /** The float64 view of a float32 block: float64 copies of the parameters stand in for them. */
    private static final class Float64Twin extends DjlModel {

        Float64Twin(DjlModel original, ParameterCopies float64) {
            super(original.name + " (float64)", original.block, original.backend, DType.FLOAT64, original.training,
                    float64);
        }

        /** The block's layers computing in float64 (for the Lie derivative of each layer alone). */
        @Override
        public Optional<LayeredModel> layered() {
            return DjlLayers.of(this);
        }

        @Override
        public Optional<AuditedModel> float64() {
            return Optional.of(this);
        }

        @Override
        public void close() {
            // the original owns the backend and the float64 copies
        }
    }
}
