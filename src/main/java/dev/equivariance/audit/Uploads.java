package dev.equivariance.audit;

import dev.equivariance.search.HostArray;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorBackend;

/**
 * Host inputs onto a backend, in one place: floating inputs in float64 (for exact transforms) or the model's dtype,
 * integer inputs (graph indices) as int64 always, never cast to a floating type.
 */
final class Uploads {

    private Uploads() {
    }

    /** The input in float64, or int64 for integer inputs: the precision transforms are computed in. */
    static Tensor exact(TensorBackend backend, HostArray h) {
        return backend.fromDoubles(h.data(), h.shape(), h.integer() ? DType.INT64 : DType.FLOAT64);
    }

    /** The input in the model's dtype, or int64 for integer inputs. */
    static Tensor inModelType(TensorBackend backend, HostArray h, DType dtype) {
        return backend.fromDoubles(h.data(), h.shape(), h.integer() ? DType.INT64 : dtype);
    }

    /** A tensor in the model's dtype; integer tensors stay as they are. */
    static Tensor inModelType(Tensor t, DType dtype) {
        return t.dtype().isInteger() || t.dtype() == dtype ? t : t.cast(dtype);
    }
}
