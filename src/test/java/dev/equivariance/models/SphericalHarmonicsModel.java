package dev.equivariance.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

/**
 * The real spherical harmonics of degrees 0, 1 and 2 of each point's direction, written with DJL operations (the
 * polynomials of e3nn's 'component' normalisation, y as the polar axis): input positions {@code (B, N, 3)} as
 * irreps {@code 1x1o}, output {@code (B, N, 9)} as irreps {@code 1x0e + 1x1o + 1x2e}:
 * <pre>
 *   1,   sqrt(3) (x, y, z),
 *   sqrt(15) xz, sqrt(15) xy, sqrt(5) (y^2 - (x^2 + z^2)/2), sqrt(15) yz, sqrt(15)/2 (z^2 - x^2)
 * </pre>
 * of the normalised input. Why it is equivariant: the harmonics of a rotated direction are the harmonics turned by
 * the Wigner D matrices, {@code Y^l(R v) = D^l(R) Y^l(v)}, and under the inversion {@code Y^l(-v) = (-1)^l Y^l(v)}:
 * degree 1 is odd, degrees 0 and 2 are even.
 *
 * <p>The broken twin swaps two components of degree 2 (xz and (z^2 - x^2)/2): the five numbers are still degree-2
 * polynomials, but no longer in the basis the declared irreps name, so rotations about most axes mix them wrongly.
 */
public final class SphericalHarmonicsModel {

    private SphericalHarmonicsModel() {
    }

    /** Degrees 0, 1 and 2 in e3nn's order. */
    public static Block build() {
        return new LambdaBlock(list -> new NDList(harmonics(list.singletonOrThrow(), false)), "sphericalHarmonics");
    }

    /** The broken twin: the first and last components of degree 2 swapped. */
    public static Block withSwappedComponents() {
        return new LambdaBlock(list -> new NDList(harmonics(list.singletonOrThrow(), true)),
                "sphericalHarmonicsSwapped");
    }

    private static NDArray harmonics(NDArray v, boolean swap) {
        NDArray n = v.div(v.square().sum(new int[] {-1}, true).sqrt());
        NDArray x = n.get("..., 0:1");
        NDArray y = n.get("..., 1:2");
        NDArray z = n.get("..., 2:3");
        double s15 = Math.sqrt(15);
        NDArray xz = x.mul(z).mul(s15);
        NDArray xy = x.mul(y).mul(s15);
        NDArray zonal = y.square().sub(x.square().add(z.square()).mul(0.5)).mul(Math.sqrt(5));
        NDArray yz = y.mul(z).mul(s15);
        NDArray zx = z.square().sub(x.square()).mul(s15 / 2);
        NDList parts = new NDList(x.onesLike(), n.mul(Math.sqrt(3)), swap ? zx : xz, xy, zonal, yz, swap ? xz : zx);
        return NDArrays.concat(parts, -1);
    }
}
