package dev.equivariance.rep;

import dev.equivariance.group.Matrices;
import dev.equivariance.group.OrthogonalMatrix;
import dev.equivariance.group.Rotation;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real Wigner D matrices in e3nn's basis: the (2l+1) x (2l+1) orthogonal matrices with
 * {@code Y^l(R v) = D^l(R) Y^l(v)} for the {@link SphericalHarmonics} (y polar, m = -l..l). {@code D^0 = [1]} and
 * {@code D^1(R) = R} in (x, y, z) order. Improper elements of O(3) follow e3nn's parity rule
 * {@code D_(l,p)(g) = p^[det g < 0] D^l(det(g) g)}.
 *
 * <p>How: D is the matrix of the rotation on the span of the degree-l harmonics, read off by projection,
 * {@code D_mn(R) = (1/4 pi) integral Y_m(R v) Y_n(v) dv} (the harmonics have squared integral 4 pi each). The
 * integrand is a polynomial of degree 2l on the sphere, which a product quadrature (l + 1 Gauss-Legendre nodes in y
 * times 2l + 1 equally spaced azimuths) integrates exactly, so the result is exact to round-off (about 1e-15) for
 * every l; tested up to l = 8.
 */
public final class WignerD {

    private static final Map<Integer, Basis> BASES = new ConcurrentHashMap<>();

    private WignerD() {
    }

    /** D^l(R) for a rotation matrix (3 x 3, orthogonal to 1e-6, determinant +1). A fresh matrix. */
    public static double[][] of(int l, double[][] rotation) {
        checkRotation(rotation);
        if (l < 0) {
            throw new IllegalArgumentException("The degree l of a Wigner D matrix must be >= 0, got " + l);
        }
        if (l == 0) {
            return new double[][] {{1}};
        }
        if (l == 1) {
            return new double[][] {rotation[0].clone(), rotation[1].clone(), rotation[2].clone()};
        }
        return BASES.computeIfAbsent(l, Basis::new).project(rotation);
    }

    /** D^l of a rotation. */
    public static double[][] of(int l, Rotation rotation) {
        return of(l, rotation.matrix());
    }

    /**
     * D_(l,p)(g) for an element with a 3 x 3 orthogonal matrix (SO(3), O(3), or the linear part of E(3)):
     * {@code p^[det g < 0] D^l(det(g) g)}, with parity {@code p} = +1 (even, "e") or -1 (odd, "o").
     */
    public static double[][] of(int l, int parity, OrthogonalMatrix g) {
        if (parity != 1 && parity != -1) {
            throw new IllegalArgumentException("Parity must be +1 (e) or -1 (o), got " + parity);
        }
        double[][] m = g.matrix();
        if (m.length != 3) {
            throw new IllegalArgumentException("Wigner D matrices need an element of O(3), but " + g + " acts on "
                    + m.length + "-vectors");
        }
        if (g.determinant() > 0) {
            return of(l, m);
        }
        double[][] d = of(l, Matrices.scale(m, -1));
        return parity > 0 ? d : Matrices.scale(d, -1);
    }

    private static void checkRotation(double[][] r) {
        if (r.length != 3 || Arrays.stream(r).anyMatch(row -> row.length != 3)) {
            throw new IllegalArgumentException("Wigner D matrices need a 3 x 3 rotation matrix, got "
                    + Arrays.deepToString(r));
        }
        double[][] p = Matrices.multiply(r, Matrices.transpose(r));
        double err = Matrices.maxAbsDifference(p, Matrices.identity(3));
        if (!(err <= 1e-6) || Matrices.determinant3(r) <= 0) {
            throw new IllegalArgumentException("Not a rotation matrix (orthogonal, det +1): " + Arrays.deepToString(r)
                    + "; for reflections use WignerD.of(l, parity, element)");
        }
    }

    /** The quadrature for degree l with the harmonics at its nodes, weighted by w / 4 pi. */
    private static final class Basis {
        private final int l;
        private final double[][] nodes;
        private final double[][] weightedHarmonics;

        Basis(int l) {
            this.l = l;
            SphereQuadrature q = SphereQuadrature.forDegree(l);
            this.nodes = q.points;
            this.weightedHarmonics = new double[nodes.length][];
            for (int k = 0; k < nodes.length; k++) {
                double[] y = SphericalHarmonics.of(l, nodes[k]);
                for (int n = 0; n < y.length; n++) {
                    y[n] *= q.weights[k] / (4 * Math.PI);
                }
                weightedHarmonics[k] = y;
            }
        }

        double[][] project(double[][] r) {
            int dim = 2 * l + 1;
            double[][] d = new double[dim][dim];
            for (int k = 0; k < nodes.length; k++) {
                double[] v = nodes[k];
                double[] rv = {
                    r[0][0] * v[0] + r[0][1] * v[1] + r[0][2] * v[2],
                    r[1][0] * v[0] + r[1][1] * v[1] + r[1][2] * v[2],
                    r[2][0] * v[0] + r[2][1] * v[1] + r[2][2] * v[2]};
                double[] yr = SphericalHarmonics.of(l, rv);
                double[] yw = weightedHarmonics[k];
                for (int m = 0; m < dim; m++) {
                    for (int n = 0; n < dim; n++) {
                        d[m][n] += yr[m] * yw[n];
                    }
                }
            }
            return d;
        }
    }
}
