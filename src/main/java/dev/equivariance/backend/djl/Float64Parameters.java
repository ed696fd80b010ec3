package dev.equivariance.backend.djl;

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
 * float64 copies of a block's parameters that can be swapped in while the block runs and swapped back after. DJL
 * cannot cast every block ({@code Block.cast} is not implemented for convolutions), so the copies replace each
 * {@link Parameter}'s array directly.
 */
final class Float64Parameters implements AutoCloseable {

    private static final Field ARRAY = arrayField();

    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> copies = new ArrayList<>();
    private final NDManager manager;

    private Float64Parameters(NDManager manager) {
        this.manager = manager;
    }

    /** Copies of every initialised parameter, or empty when the parameters cannot be swapped. */
    static Optional<Float64Parameters> of(Block block, DjlBackend backend) {
        if (ARRAY == null) {
            return Optional.empty();
        }
        Float64Parameters p = new Float64Parameters(DjlBackend.arrayEngine().newBaseManager(backend.deviceObject()));
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter param = pair.getValue();
            if (!param.isInitialized()) {
                continue;
            }
            NDArray copy = param.getArray().toType(DataType.FLOAT64, true);
            copy.attach(p.manager);
            copy.setRequiresGradient(param.requiresGradient());
            p.parameters.add(param);
            p.copies.add(copy);
        }
        return Optional.of(p);
    }

    /** The float64 copy standing in for a parameter, or null. */
    NDArray copyOf(Parameter parameter) {
        int i = parameters.indexOf(parameter);
        return i < 0 ? null : copies.get(i);
    }

    /** Puts the float64 copies in place until the returned handle is closed. */
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
