package dev.equivariance.backend.djl;

import ai.djl.ndarray.types.DataType;
import dev.equivariance.tensor.DType;

/** Maps between DJL's data types and the audit's. */
final class DjlTypes {

    private DjlTypes() {
    }

    static DataType toDjl(DType t) {
        return switch (t) {
            case FLOAT16 -> DataType.FLOAT16;
            case BFLOAT16 -> DataType.BFLOAT16;
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT64 -> DataType.FLOAT64;
            case INT64 -> DataType.INT64;
        };
    }

    /** The audit type of a DJL type, or null for non-floating types. */
    static DType fromDjl(DataType t) {
        return switch (t) {
            case FLOAT16 -> DType.FLOAT16;
            case BFLOAT16 -> DType.BFLOAT16;
            case FLOAT32 -> DType.FLOAT32;
            case FLOAT64 -> DType.FLOAT64;
            case INT64 -> DType.INT64;
            default -> null;
        };
    }
}
