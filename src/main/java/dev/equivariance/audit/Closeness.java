package dev.equivariance.audit;

import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;

/** Compares two tensors the way audits do: in float64, Frobenius relative error and largest absolute difference. */
public final class Closeness {

    private Closeness() {
    }

    /**
     * The error of {@code actual} against {@code expected}.
     *
     * @throws IllegalArgumentException when the shapes differ
     */
    public static PairError error(Tensor actual, Tensor expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new IllegalArgumentException("Cannot compare tensors of shapes " + Arrays.toString(actual.shape())
                    + " and " + Arrays.toString(expected.shape()));
        }
        Tensor a = actual.cast(DType.FLOAT64);
        Tensor e = expected.cast(DType.FLOAT64);
        Tensor diff = a.subtract(e);
        return PairError.of(diff.maxAbs(), diff.sumOfSquares(), e.sumOfSquares());
    }

    /** The error of every slice along axis 0 of {@code actual} against the same slice of {@code expected}. */
    static PairError[] sliceErrors(Tensor actual, Tensor expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new IllegalArgumentException("Cannot compare tensors of shapes " + Arrays.toString(actual.shape())
                    + " and " + Arrays.toString(expected.shape()));
        }
        Tensor e = expected.cast(DType.FLOAT64);
        double[][] stats = actual.cast(DType.FLOAT64).sliceDifferenceStatistics(e);
        double[] norms = e.sliceSumOfSquares();
        PairError[] out = new PairError[norms.length];
        for (int s = 0; s < out.length; s++) {
            out[s] = PairError.of(stats[1][s], stats[0][s], norms[s]);
        }
        return out;
    }
}
