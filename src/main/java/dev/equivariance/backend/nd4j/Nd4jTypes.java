package dev.equivariance.backend.nd4j;

import dev.equivariance.tensor.DType;
import org.nd4j.linalg.api.buffer.DataType;

/** Maps between ND4J's data types and the audit's. */
final class Nd4jTypes {

    private Nd4jTypes() {
    }

    static DataType toNd4j(DType t) {
        return switch (t) {
            case FLOAT16 -> DataType.HALF;
            case BFLOAT16 -> DataType.BFLOAT16;
            case FLOAT32 -> DataType.FLOAT;
            case FLOAT64 -> DataType.DOUBLE;
            case INT64 -> DataType.LONG;
        };
    }

    /** The audit type of an ND4J type, or null for non-floating types. */
    static DType fromNd4j(DataType t) {
        return switch (t) {
            case HALF -> DType.FLOAT16;
            case BFLOAT16 -> DType.BFLOAT16;
            case FLOAT -> DType.FLOAT32;
            case DOUBLE -> DType.FLOAT64;
            case LONG -> DType.INT64;
            default -> null;
        };
    }
}
