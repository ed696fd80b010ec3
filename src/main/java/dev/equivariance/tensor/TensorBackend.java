package dev.equivariance.tensor;

import java.util.List;

/**
 * The backend SPI: creates tensors on one device and manages their lifetime. Implementations live in
 * {@code dev.equivariance.backend.*}; the audit engine only sees this interface.
 */
public interface TensorBackend {

    /** The backend's name and engine version, e.g. {@code DJL 0.36.0 / PyTorch 2.7.1}. */
    String name();

    /** The device tensors live on, e.g. {@code cpu()} or {@code gpu(0)}. */
    String device();

    /**
     * The devices this backend can place models and tensors on, for the audit's device selection. The default
     * reports the CPU only; backends that can use GPUs override it.
     */
    default DeviceInventory devices() {
        return DeviceInventory.cpuOnly(name() + " reports no GPU");
    }

    /** Number of intra-op threads the engine uses, or -1 when unknown. */
    default int threads() {
        return -1;
    }

    /** A tensor with the given row-major data and shape, converted to {@code dtype}. */
    Tensor fromDoubles(double[] data, long[] shape, DType dtype);

    /** Concatenates along an existing axis. */
    Tensor concat(List<Tensor> tensors, int axis);

    /** Splits along an axis into pieces of the given sizes. */
    List<Tensor> split(Tensor tensor, int axis, long[] sizes);

    /**
     * Views one of the backend's own arrays (e.g. a DJL {@code NDArray}) as a tensor without copying, or returns null
     * when the object is not such an array. Results of operations on it belong to the current scope.
     */
    Tensor wrapNative(Object array);

    /**
     * Frees what the backend keeps on the device between operations (e.g. gather indices reused by every input of an
     * audit). An audit calls it when it ends.
     */
    default void releaseCaches() {
    }

    /** Opens a scope: tensors created until it closes are freed then. */
    TensorScope openScope();
}
