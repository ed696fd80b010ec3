package dev.equivariance.backend.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.ModelAdapter;
import java.util.List;
import java.util.Optional;

/**
 * Adapts DJL objects: a {@link Block} (initialised here with the audit's input shapes when it is not yet), or a
 * {@link Model} / {@code ZooModel} (its block; the model keeps owning its parameters).
 */
public final class DjlModelAdapter implements ModelAdapter {

    /** The engine seed used to initialise uninitialised blocks, so audits of fresh blocks are reproducible. */
    static final int INIT_SEED = 1234;

    @Override
    public Optional<AuditedModel> adapt(Object model, List<long[]> inputShapes, DType dtype) {
        if (model instanceof Model m) {
            return Optional.of(fromBlock(m.getName() == null ? "Model" : m.getName(), m.getBlock(), inputShapes, dtype,
                    false));
        }
        if (model instanceof Block b) {
            return Optional.of(fromBlock(b.getClass().getSimpleName(), b, inputShapes, dtype, true));
        }
        return Optional.empty();
    }

    /** Adapts a block for an audit; a block that is not initialised is initialised in {@code dtype}. */
    public static AuditedModel fromBlock(String name, Block block, List<long[]> inputShapes, DType dtype,
                                         boolean mayInitialize) {
        DjlBackend backend = new DjlBackend();
        NDManager owned = null;
        DType effective = dtype;
        if (!block.isInitialized()) {
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
            owned = DjlBackend.arrayEngine().newBaseManager(backend.deviceObject());
            Shape[] shapes = inputShapes.stream().map(Shape::new).toArray(Shape[]::new);
            DjlBackend.arrayEngine().setRandomSeed(INIT_SEED);
            try {
                block.initialize(owned, DjlTypes.toDjl(effective), shapes);
            } catch (RuntimeException e) {
                owned.close();
                backend.close();
                throw new IllegalArgumentException("Block " + name + " could not be initialised for input shapes "
                        + describe(inputShapes) + " in " + effective + ": " + e.getMessage()
                        + ". Check the input shape (axes include the batch axis)", e);
            }
        } else {
            DType own = parameterType(block);
            if (dtype != null && own != null && dtype != own) {
                backend.close();
                throw new IllegalArgumentException("Model " + name + " has " + own + " parameters but the audit asks for "
                        + dtype + "; build the block in " + dtype + " (DJL cannot cast every block) or drop the dtype");
            }
            effective = own != null ? own : dtype == null ? DType.FLOAT32 : dtype;
        }
        return new DjlModel(name, block, backend, effective, false);
    }

    private static DType parameterType(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().isInitialized()) {
                DataType t = p.getValue().getArray().getDataType();
                DType d = DjlTypes.fromDjl(t);
                if (d != null) {
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
