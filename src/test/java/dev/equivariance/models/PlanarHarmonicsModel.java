package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

/**
 * Circular harmonics of planar vectors: input {@code (B, N, 2)} (frequency 1), output {@code (B, N, 5)} as
 * frequencies {@code 1x0 + 1x1 + 1x2}: {@code |v|, v, (x^2 - y^2, 2xy) / |v|}. With {@code v = r (cos a, sin a)} the
 * last pair is {@code r (cos 2a, sin 2a)}: a rotation by theta turns it by 2 theta, and the reflection y -> -y maps
 * it by {@code diag(1, -1)}, which is how frequency 2 acts under O(2).
 *
 * <p>The broken twin outputs the pair in the other order, {@code (2xy, x^2 - y^2)}: a mirror image of frequency 2,
 * which turns the wrong way.
 */
public final class PlanarHarmonicsModel {

    private PlanarHarmonicsModel() {
    }

    /** Frequencies 0, 1 and 2 of each vector. */
    public static Block build() {
        return new LambdaBlock(list -> new NDList(harmonics(list.singletonOrThrow(), false)), "circularHarmonics");
    }

    /** The broken twin: the frequency-2 pair swapped. */
    public static Block withSwappedPair() {
        return new LambdaBlock(list -> new NDList(harmonics(list.singletonOrThrow(), true)),
                "circularHarmonicsSwapped");
    }

    private static NDArray harmonics(NDArray v, boolean swap) {
        NDArray r = v.square().sum(new int[] {-1}, true).sqrt();
        NDArray x = v.get("..., 0:1");
        NDArray y = v.get("..., 1:2");
        NDArray cos2 = x.square().sub(y.square()).div(r);
        NDArray sin2 = x.mul(y).mul(2).div(r);
        return NDArrays.concat(new NDList(r, v, swap ? sin2 : cos2, swap ? cos2 : sin2), -1);
    }
}
