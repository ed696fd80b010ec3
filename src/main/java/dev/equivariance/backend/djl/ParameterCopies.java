package dev.equivariance.backend.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies of a block's parameters, converted to another dtype (float64 cross-checks) and/or on another device (a block
 * initialised on the CPU audited on a GPU), that can be swapped in while the block runs and swapped back after. DJL
 * cannot cast every block ({@code Block.cast} is not implemented for convolutions) and has no way to move a block,
 * so the copies replace each {@link Parameter}'s array directly; gradients then land on the copies.
 */
final class ParameterCopies implements AutoCloseable {

    private static final Field ARRAY = arrayField();

    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> copies = new ArrayList<>();
    private final NDManager manager;

    private ParameterCopies(NDManager manager) {
        this.manager = manager;
    }

    /**
     * Copies of every initialised parameter on {@code device}, converted to {@code type} unless it is null, or empty
     * when the parameters cannot be swapped.
     */
    static Optional<ParameterCopies> of(Block block, Device device, DataType type) {
        if (ARRAY == null) {
            return Optional.empty();
        }
        ParameterCopies p = new ParameterCopies(DjlBackend.arrayEngine().newBaseManager(device));
        // copies made with autograd on would be wired back to the originals (non-leaf tensors without gradients of
        // their own): on a thread other than the engine's, autograd is on unless turned off here
        try (NoGrad off = NoGrad.enter(p.manager.getEngine().getEngineName().equals("PyTorch"))) {
            copyInto(p, block, device, type);
        }
        return Optional.of(p);
    }

    private static void copyInto(ParameterCopies p, Block block, Device device, DataType type) {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter param = pair.getValue();
            if (!param.isInitialized()) {
                continue;
            }
            NDArray source = param.getArray();
            NDArray typed = type == null || source.getDataType() == type ? source : source.toType(type, true);
            NDArray copy = typed.toDevice(device, true);
            if (typed != source) {
                typed.close();
            }
            copy.attach(p.manager);
            copy.setRequiresGradient(param.requiresGradient());
            p.parameters.add(param);
            p.copies.add(copy);
        }
    }

    /** The device of the block's own parameters, or empty when it has none initialised. */
    static Optional<Device> deviceOf(Block block) {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            if (pair.getValue().isInitialized()) {
                return Optional.of(pair.getValue().getArray().getDevice());
            }
        }
        return Optional.empty();
    }

    /** The copy standing in for a parameter, or null. */
    NDArray copyOf(Parameter parameter) {
        int i = parameters.indexOf(parameter);
        return i < 0 ? null : copies.get(i);
    }

    /** Puts the copies in place until the returned handle is closed. */
    Swapped swapIn() {
        List<NDArray> originals = new ArrayList<>();
        try {
            for (int i = 0; i < parameters.size(); i++) {
                originals.add((NDArray) ARRAY.get(parameters.get(i)));
                ARRAY.set(parameters.get(i), copies.get(i));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot swap DJL parameters", e);
        }
        return () -> {
            try {
                for (int i = 0; i < originals.size(); i++) {
                    ARRAY.set(parameters.get(i), originals.get(i));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot restore DJL parameters", e);
            }
        };
    }

    /** A swap in force. */
    interface Swapped extends AutoCloseable {
        /** A handle for when nothing is swapped. */
        Swapped NONE = () -> {
        };

        @Override
        void close();
    }

    @Override
    public void close() {
        manager.close();
    }

    private static Field arrayField() {
        try {
            Field f = Parameter.class.getDeclaredField("array");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
