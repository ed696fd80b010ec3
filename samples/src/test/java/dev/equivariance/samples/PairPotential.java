package dev.equivariance.samples;

import dev.equivariance.backend.nd4j.SameDiffModel;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A learned interatomic potential written as an ND4J SameDiff graph: the energy of a cloud of points is a sum over
 * its points of a network of the point's environment, and the environment is a sum over the other points of a
 * network of their squared distances (a Behler-Parrinello-style model in its simplest form).
 *
 * <pre>
 *   positions (B, N, 3)
 *     squaredDistances  |x_i - x_j|^2                          (B, N, N, 1)
 *     environment       sum_j phi(|x_i - x_j|^2)               (B, N, 8)    phi: 1 -> 16 -> 8, tanh
 *     pointEnergy       rho(environment_i)                     (B, N, 1)    rho: 8 -> 16 -> 1, tanh
 *     energy            sum_i pointEnergy_i                    (B, 1)
 * </pre>
 *
 * Distances do not change under rotations, reflections and translations, and the sums do not depend on the order
 * of the points: the energy is invariant under E(3) x S(n), and the forces (minus its gradient) move with the
 * cloud. The model lives with the tests because the samples use ND4J in test scope only.
 */
final class PairPotential {

    private PairPotential() {
    }

    /** The graph with fixed random weights, described for the audit: input, output and the layers to examine. */
    static SameDiffModel build(long seed) {
        Random random = new Random(seed);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("positions", DataType.FLOAT, -1, -1, 3);
        SDVariable diff = sd.expandDims(x, 2).sub(sd.expandDims(x, 1));                  // (B, N, N, 3)
        SDVariable d2 = sd.sum("squaredDistances", diff.mul(diff), true, 3);             // (B, N, N, 1)
        SDVariable phi = dense(sd, "phi2", sd.math.tanh(dense(sd, "phi1", d2, 4, 1, 16, random)), 4, 16, 8, random);
        SDVariable environment = sd.sum("environment", phi, 2);                          // (B, N, 8)
        SDVariable rho = sd.math.tanh(dense(sd, "rho1", environment, 3, 8, 16, random));
        SDVariable pointEnergy = sd.identity("pointEnergy", dense(sd, "rho2", rho, 3, 16, 1, random));
        sd.sum("energy", pointEnergy, 1);                                                // (B, 1)
        return SameDiffModel.of(sd).inputs("positions").outputs("energy")
                .layers("squaredDistances", "environment", "pointEnergy", "energy")
                .named("pair potential");
    }

    /**
     * {@code x W^T + b} on the last axis of a tensor of the given rank, written as a broadcast product summed over
     * the input features (ND4J 1.0.0-M2.1 cannot differentiate {@code tensorMmul} on activations of rank 3 or more).
     */
    private static SDVariable dense(SameDiff sd, String name, SDVariable x, int rank, int in, int out, Random random) {
        double[] w = new double[out * in];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() / Math.sqrt(in);
        }
        double[] b = new double[out];
        for (int i = 0; i < b.length; i++) {
            b[i] = 0.1 * random.nextGaussian();
        }
        SDVariable weight = sd.var(name + "_w", Nd4j.create(w, new long[] {out, in}, DataType.DOUBLE)
                .castTo(DataType.FLOAT));
        SDVariable bias = sd.var(name + "_b", Nd4j.create(b, new long[] {out}, DataType.DOUBLE).castTo(DataType.FLOAT));
        return sd.sum(sd.expandDims(x, rank - 1).mul(weight), rank).add(bias);
    }
}
