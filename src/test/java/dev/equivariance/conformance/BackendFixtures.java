package dev.equivariance.conformance;

import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.TensorBackend;

/**
 * What a backend must provide to be proven by {@link BackendConformance}: the same fixture models, with the weights
 * of {@link SharedWeights}, as objects its model adapter audits (e.g. a DJL {@code Block} or a
 * {@code SameDiffModel}), and a backend for tensor-level checks. A new backend implements this and extends
 * {@link BackendConformance}.
 */
public interface BackendFixtures {

    /** The backend's name in test reports. */
    String name();

    /** A backend whose float64 tensors the action checks run on. */
    TensorBackend backend();

    /** DeepSets on (B, n, 3) point sets; {@code positional} adds arange(n)/n to every feature (order then matters). */
    Object deepSets(boolean positional, int n, DType dtype);

    /**
     * A C4 lifting convolution on (B, 1, H, W) images with 2 fields: output channel c*4+r is field c through the
     * kernel turned r times (numpy's rot90), or, when {@code unrotated}, through the unturned kernel.
     */
    Object liftingConv(boolean unrotated, DType dtype);

    /** The EGNN coordinate update on (B, N, 3) points; {@code reluOnVectors} applies ReLU to each output coordinate. */
    Object vectorModel(boolean reluOnVectors, DType dtype);

    /** The float32 set network on (B, n, 3) of the layer-wise scenarios; {@code broken} adds a ramp over the points. */
    Object setNetwork(boolean broken, int n);

    /** The name the layer-wise audit gives the ramp layer of {@code setNetwork(true, n)}. */
    String rampLayer();

    /** The float32 straight-through model on (B, n, 3): invariant forward, non-invariant gradient. */
    Object straightThrough(int n);

    /** How the name of the weight of the straight-through model's {@code h} layer ends in gradient reports. */
    String straightThroughWeight();

    /** A model returning 0/0 (NaN) for every input. */
    Object nanOutput();

    /** A model that throws while computing its output. */
    Object throwing();
}
