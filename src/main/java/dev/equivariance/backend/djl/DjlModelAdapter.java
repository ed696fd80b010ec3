package dev.equivariance.backend.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SymbolBlock;
import ai.djl.util.Pair;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DeviceInfo;
import dev.equivariance.tensor.DeviceRequest;
import dev.equivariance.tensor.DeviceSelection;
import dev.equivariance.tensor.DeviceSelector;
import dev.equivariance.tensor.ModelAdapter;
import dev.equivariance.tensor.ModelClosedException;
import dev.equivariance.tensor.PlacedModel;
import java.util.List;
import java.util.Optional;

/**
 * Adapts DJL objects: a {@link Block} (initialised here with the audit's input shapes when it is not yet), a
 * {@link Model} / {@code ZooModel} (its block; the model keeps owning its parameters), or a {@link TorchScriptModel}.
 * Places them on the device the audit asks for: a block is initialised there, or its parameters are copied there; a
 * TorchScript module is loaded again there. A block initialised here gets non-zero biases
 * ({@link AuditorInitialisation}).
 */
public final class DjlModelAdapter implements ModelAdapter {

    /** The engine seed used to initialise uninitialised blocks, so audits of fresh blocks are reproducible. */
    static final int INIT_SEED = 1234;

    /** Held while a block is initialised (the engine's random generator is process-wide). */
    private static final Object INITIALISATION = new Object();

    /** Blocks this adapter initialised, with the note that says how (repeated in every later audit of them). */
    private static final java.util.Map<Block, String> INITIALISED = java.util.Collections.synchronizedMap(
            new java.util.WeakHashMap<>());

    @Override
    public Optional<AuditedModel> adapt(Object model, List<long[]> inputShapes, DType dtype) {
        return place(model, inputShapes, dtype, DeviceRequest.AUTO).map(PlacedModel::model);
    }

    @Override
    public Optional<PlacedModel> place(Object model, List<long[]> inputShapes, DType dtype, DeviceRequest device) {
        if (model instanceof TorchScriptModel ts) {
            DeviceSelection s = DeviceSelector.select(device, DjlDevices.inventory());
            boolean there = DeviceInfo.parse(ts.backend().device()).equals(s.device());
            return Optional.of(new PlacedModel(there ? ts : ts.loadedOn(DjlDevices.toDjl(s.device())), s));
        }
        if (model instanceof Model m) {
            String name = m.getName() == null ? "Model" : m.getName();
            if (!m.getNDManager().isOpen()) {
                throw ModelClosedException.of(name, "the DJL Model's NDManager is closed", null);
            }
            if (m.getBlock() instanceof SymbolBlock) {
                return Optional.of(symbolModel(name, m, inputShapes, dtype, device));
            }
            DeviceSelection s = DeviceSelector.select(device, DjlDevices.inventory());
            return Optional.of(new PlacedModel(fromBlock(name, m.getBlock(), inputShapes, dtype, false,
                    DjlDevices.toDjl(s.device())), s));
        }
        if (model instanceof Block b) {
            DeviceSelection s = DeviceSelector.select(device, DjlDevices.inventory());
            return Optional.of(new PlacedModel(fromBlock(b.getClass().getSimpleName(), b, inputShapes, dtype, true,
                    DjlDevices.toDjl(s.device())), s));
        }
        return Optional.empty();
    }

    /** A DJL {@code Model} runs its block, so audits of the model and of its block take turns. */
    @Override
    public Optional<Object> sharedState(Object model) {
        return model instanceof Model m && m.getBlock() != null ? Optional.of(m.getBlock()) : Optional.empty();
    }

    /** A loaded model whose weights live in the engine (e.g. TorchScript through Model.load) stays where it was loaded. */
    private static PlacedModel symbolModel(String name, Model m, List<long[]> inputShapes, DType dtype,
                                           DeviceRequest device) {
        Device where = m.getNDManager().getDevice();
        DeviceSelection s = DeviceSelector.confirm(device, DjlDevices.inventory(), DjlDevices.fromDjl(where),
                "DJL (a loaded Model)");
        return new PlacedModel(fromBlock(name, m.getBlock(), inputShapes, dtype, false, where), s);
    }

    /**
     * Adapts a block for an audit on the engine's default device; a block that is not initialised is initialised in
     * {@code dtype}.
     */
    public static AuditedModel fromBlock(String name, Block block, List<long[]> inputShapes, DType dtype,
                                         boolean mayInitialize) {
        return fromBlock(name, block, inputShapes, dtype, mayInitialize,
                DjlBackend.arrayEngine().defaultDevice());
    }

    /**
     * Adapts a block for an audit on {@code device}: a block that is not initialised is initialised there in
     * {@code dtype}; the parameters of one initialised elsewhere are copied there (the block keeps its own).
     */
    public static AuditedModel fromBlock(String name, Block block, List<long[]> inputShapes, DType dtype,
                                         boolean mayInitialize, Device device) {
        synchronized (INITIALISATION) {
            if (!block.isInitialized()) {
                return initialise(name, block, inputShapes, dtype, mayInitialize, device);
            }
        }
        return adaptInitialised(name, block, dtype, device);
    }

    /**
     * Initialises a block with the engine's generator seeded with {@link #INIT_SEED}, under a process-wide lock: the
     * generator is global, so two initialisations at once would interleave their draws and give each block other
     * weights than a sequential run. The seed is fixed rather than the audit's own because the first audit of a shared
     * block initialises it for all later ones, and which audit comes first differs between parallel runs.
     */
    private static AuditedModel initialise(String name, Block block, List<long[]> inputShapes, DType dtype,
                                           boolean mayInitialize, Device device) {
        DjlBackend backend = new DjlBackend(device);
        DType effective;
        if (!mayInitialize) {
            backend.close();
            throw new IllegalArgumentException("The block of model '" + name + "' is not initialised; load the "
                    + "model's parameters before auditing it");
        }
        if (inputShapes == null || inputShapes.isEmpty()) {
            backend.close();
            throw new IllegalArgumentException("Block " + name + " is not initialised and no input shape is given; "
                    + "give the input shape (inputShape = {...}) or initialise the block first");
        }
        effective = dtype == null ? DType.FLOAT32 : dtype;
        NDManager owned = DjlBackend.arrayEngine().newBaseManager(device);
        Shape[] shapes = inputShapes.stream().map(Shape::new).toArray(Shape[]::new);
        DjlBackend.arrayEngine().setRandomSeed(INIT_SEED);
        String note;
        try {
            block.initialize(owned, DjlTypes.toDjl(effective), shapes);
            note = AuditorInitialisation.nonZeroBiases(block);
        } catch (RuntimeException e) {
            owned.close();
            backend.close();
            throw new IllegalArgumentException("Block " + name + " could not be initialised for input shapes "
                    + describe(inputShapes) + " in " + effective + ": " + e.getMessage()
                    + ". Check the input shape (axes include the batch axis)", e);
        }
        DjlModel model = new DjlModel(name, block, backend, effective, false);
        if (note != null) {
            model.addNote(note);
            INITIALISED.put(block, note);
        }
        return model;
    }

    private static AuditedModel adaptInitialised(String name, Block block, DType dtype, Device device) {
        DjlBackend backend = new DjlBackend(device);
        DType effective;
        requireOpen(name, block);
        DType own = parameterType(block);
        if (dtype != null && own != null && dtype != own) {
            backend.close();
            throw new IllegalArgumentException("Model " + name + " has " + own + " parameters but the audit asks for "
                    + dtype + "; build the block in " + dtype + " (DJL cannot cast every block) or drop the dtype");
        }
        effective = own != null ? own : dtype == null ? DType.FLOAT32 : dtype;
        String earlier = INITIALISED.get(block);
        Optional<Device> where = ParameterCopies.deviceOf(block);
        if (where.isEmpty() || where.get().equals(device) || block instanceof SymbolBlock) {
            DjlModel model = new DjlModel(name, block, backend, effective, false);
            if (earlier != null) {
                model.addNote(earlier);
            }
            return model;
        }
        Optional<ParameterCopies> copies = ParameterCopies.of(block, device, null);
        if (copies.isEmpty()) {
            backend.close();
            throw new IllegalArgumentException("The parameters of " + name + " are on " + where.get()
                    + " and cannot be copied to " + device + "; build the block on that device");
        }
        DjlModel model = new DjlModel(name, block, backend, effective, false, copies.get());
        if (earlier != null) {
            model.addNote(earlier);
        }
        return model;
    }

    /** A block whose parameter arrays were released (their NDManager closed) cannot run. */
    private static void requireOpen(String name, Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().isInitialized() && p.getValue().getArray().isReleased()) {
                throw ModelClosedException.of(name, "parameter " + p.getKey() + " is released: the NDManager it "
                        + "was initialised in is closed", null);
            }
        }
    }

    private static DType parameterType(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().isInitialized()) {
                DataType t = p.getValue().getArray().getDataType();
                DType d = DjlTypes.fromDjl(t);
                if (d != null && !d.isInteger()) {
                    return d;
                }
            }
        }
        return null;
    }

    private static String describe(List<long[]> shapes) {
        return shapes.stream().map(java.util.Arrays::toString).toList().toString();
    }
}
