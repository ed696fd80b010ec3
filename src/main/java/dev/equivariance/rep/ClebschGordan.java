package dev.equivariance.rep;

import dev.equivariance.group.Rotation;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real Clebsch-Gordan coefficients in e3nn's basis (the {@link WignerD} basis): the coupling {@code C[i][j][k]} of
 * degrees {@code l1 x l2 -> l3} with
 * <pre>
 *   sum_(i',j',k') D1(R)_(i i') D2(R)_(j j') D3(R)_(k k') C[i'][j'][k'] = C[i][j][k]    for every rotation R,
 * </pre>
 * so that {@code c_k = sum_(i,j) C[i][j][k] a_i b_j} turns with {@code D3} when a turns with {@code D1} and b with
 * {@code D2}. It exists, and is unique up to scale, when {@code |l1 - l2| <= l3 <= l1 + l2}. Under O(3) the product
 * of parities p1 p2 is the parity of the result: {@code 1o x 1o -> 0e + 1e + 2e}.
 *
 * <p>How: C is the tensor of {@code l1 x l2 x l3} fixed by the rotations. Starting from a seeded random tensor, it
 * is averaged over a fixed set S of rotations and their inverses until it stops changing. The average over a
 * symmetric set is a symmetric operator whose eigenvalue 1 belongs exactly to the tensors fixed by every rotation in
 * S, which for a generic S are those fixed by all of SO(3); the other eigenvalues are smaller in size, so the
 * iteration converges to the invariant. Entries below 1e-12 (round-off of zeros) are set to zero, and the result is
 * checked against other rotations to 1e-13.
 *
 * <p>Normalisation: unit Frobenius norm, sign chosen so that the first entry (in index order) larger than 1e-9 in
 * size is positive. e3nn's {@code wigner_3j} has the same index order and norm; its sign may differ for some
 * (l1, l2, l3), which never affects equivariance.
 */
public final class ClebschGordan {

    private static final Map<List<Integer>, double[][][]> CACHE = new ConcurrentHashMap<>();
    private static final int MAX_ITERATIONS = 5_000;

    private ClebschGordan() {
    }

    /**
     * The coefficients {@code C[i][j][k]}, shape (2 l1 + 1, 2 l2 + 1, 2 l3 + 1). A fresh copy.
     *
     * @throws IllegalArgumentException when the degrees violate {@code |l1 - l2| <= l3 <= l1 + l2}
     */
    public static double[][][] coefficients(int l1, int l2, int l3) {
        if (l1 < 0 || l2 < 0 || l3 < 0 || l3 < Math.abs(l1 - l2) || l3 > l1 + l2) {
            throw new IllegalArgumentException("No coupling " + l1 + " x " + l2 + " -> " + l3
                    + ": the degrees must satisfy |l1 - l2| <= l3 <= l1 + l2");
        }
        double[][][] c = CACHE.computeIfAbsent(List.of(l1, l2, l3), k -> compute(l1, l2, l3));
        return copy(c);
    }

    private static double[][][] compute(int l1, int l2, int l3) {
        SplittableRandom rng = new SplittableRandom(20240607L);
        Rotation[] set = new Rotation[16];
        for (int s = 0; s < 8; s++) {
            Rotation r = Rotation.ofQuaternion(rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1),
                    rng.nextDouble(-1, 1));
            set[2 * s] = r;
            set[2 * s + 1] = r.inverse();
        }
        double[][][][] d = new double[set.length][][][];
        for (int s = 0; s < set.length; s++) {
            d[s] = new double[][][] {WignerD.of(l1, set[s]), WignerD.of(l2, set[s]), WignerD.of(l3, set[s])};
        }
        double[][][] c = new double[2 * l1 + 1][2 * l2 + 1][2 * l3 + 1];
        for (double[][] plane : c) {
            for (double[] row : plane) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = rng.nextDouble(-1, 1);
                }
            }
        }
        normalise(c);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double[][][] next = new double[c.length][c[0].length][c[0][0].length];
            for (double[][][] ds : d) {
                add(next, transform(c, ds[0], ds[1], ds[2]));
            }
            double norm = normalise(next);
            double change = distance(next, c);
            c = next;
            if (norm < 1e-6) {
                throw new IllegalStateException("No invariant found for " + l1 + " x " + l2 + " -> " + l3);
            }
            if (change < 1e-15) {
                break;
            }
        }
        snapToZero(c);
        normalise(c);
        fixSign(c);
        check(c, l1, l2, l3, rng);
        return c;
    }

    /** {@code sum D1_(i i') D2_(j j') D3_(k k') C[i'][j'][k']}, one index at a time. */
    static double[][][] transform(double[][][] c, double[][] d1, double[][] d2, double[][] d3) {
        int n1 = c.length;
        int n2 = c[0].length;
        int n3 = c[0][0].length;
        double[][][] a = new double[n1][n2][n3];
        for (int i = 0; i < n1; i++) {
            for (int ip = 0; ip < n1; ip++) {
                double w = d1[i][ip];
                if (w == 0) {
                    continue;
                }
                for (int j = 0; j < n2; j++) {
                    for (int k = 0; k < n3; k++) {
                        a[i][j][k] += w * c[ip][j][k];
                    }
                }
            }
        }
        double[][][] b = new double[n1][n2][n3];
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < n2; j++) {
                for (int jp = 0; jp < n2; jp++) {
                    double w = d2[j][jp];
                    for (int k = 0; k < n3; k++) {
                        b[i][j][k] += w * a[i][jp][k];
                    }
                }
            }
        }
        double[][][] out = new double[n1][n2][n3];
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < n2; j++) {
                for (int k = 0; k < n3; k++) {
                    double s = 0;
                    for (int kp = 0; kp < n3; kp++) {
                        s += d3[k][kp] * b[i][j][kp];
                    }
                    out[i][j][k] = s;
                }
            }
        }
        return out;
    }

    private static void check(double[][][] c, int l1, int l2, int l3, SplittableRandom rng) {
        for (int t = 0; t < 3; t++) {
            Rotation r = Rotation.ofQuaternion(rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1),
                    rng.nextDouble(-1, 1));
            double err = distance(transform(c, WignerD.of(l1, r), WignerD.of(l2, r), WignerD.of(l3, r)), c);
            if (err > 1e-13) {
                throw new IllegalStateException("Clebsch-Gordan coefficients " + l1 + " x " + l2 + " -> " + l3
                        + " did not converge (residual " + err + ")");
            }
        }
    }

    private static void add(double[][][] into, double[][][] a) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                for (int k = 0; k < a[i][j].length; k++) {
                    into[i][j][k] += a[i][j][k];
                }
            }
        }
    }

    /** Scales to unit Frobenius norm; returns the norm before. */
    private static double normalise(double[][][] c) {
        double s = 0;
        for (double[][] plane : c) {
            for (double[] row : plane) {
                for (double v : row) {
                    s += v * v;
                }
            }
        }
        double norm = Math.sqrt(s);
        for (double[][] plane : c) {
            for (double[] row : plane) {
                for (int k = 0; k < row.length; k++) {
                    row[k] /= norm;
                }
            }
        }
        return norm;
    }

    /** The largest absolute entry of a - b. */
    private static double distance(double[][][] a, double[][][] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                for (int k = 0; k < a[i][j].length; k++) {
                    d = Math.max(d, Math.abs(a[i][j][k] - b[i][j][k]));
                }
            }
        }
        return d;
    }

    /** Entries below 1e-12 are round-off of zeros (nonzero coefficients are far larger): make them exact. */
    private static void snapToZero(double[][][] c) {
        for (double[][] plane : c) {
            for (double[] row : plane) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = Math.abs(row[k]) < 1e-12 ? 0 : row[k];   // also turns -0.0 into 0
                }
            }
        }
    }

    private static void fixSign(double[][][] c) {
        for (double[][] plane : c) {
            for (double[] row : plane) {
                for (double v : row) {
                    if (Math.abs(v) > 1e-9) {
                        if (v < 0) {
                            for (double[][] p : c) {
                                for (double[] r : p) {
                                    for (int k = 0; k < r.length; k++) {
                                        r[k] = r[k] == 0 ? 0 : -r[k];
                                    }
                                }
                            }
                        }
                        return;
                    }
                }
            }
        }
    }

    private static double[][][] copy(double[][][] c) {
        double[][][] out = new double[c.length][c[0].length][];
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[i].length; j++) {
                out[i][j] = c[i][j].clone();
            }
        }
        return out;
    }
}
