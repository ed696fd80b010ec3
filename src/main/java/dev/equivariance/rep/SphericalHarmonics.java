package dev.equivariance.rep;

/**
 * Real spherical harmonics in e3nn's basis: y is the polar axis, the 2l+1 components of degree l are ordered
 * m = -l..l, and the values equal e3nn's {@code spherical_harmonics(l, v, normalize=True,
 * normalization='component')}: {@code |Y^l(v)|^2 = 2l+1} on the unit sphere ({@code Y^0 = 1},
 * {@code Y^1(v) = sqrt(3) v/|v|} in (x, y, z) order). Divide by {@code sqrt(4 pi)} for e3nn's 'integral'
 * normalization.
 *
 * <p>Construction: the standard real spherical harmonics without the Condon-Shortley phase (m &gt; 0 with
 * cos(m phi), m &lt; 0 with sin(|m| phi)) evaluated at the permuted point (z, x, y), i.e. with polar angle
 * {@code cos theta = y} and azimuth {@code phi = atan2(x, z)}. They are computed as polynomials (associated Legendre
 * recursion in y times {@code (z + i x)^|m|}), so they are smooth at the poles. For l = 2 this gives
 * {@code sqrt(15) xz, sqrt(15) xy, sqrt(5) (y^2 - (x^2 + z^2)/2), sqrt(15) yz, sqrt(15)/2 (z^2 - x^2)}.
 *
 * <p>They transform with the Wigner D matrices of {@link WignerD}: {@code Y^l(R v) = D^l(R) Y^l(v)}.
 */
public final class SphericalHarmonics {

    private SphericalHarmonics() {
    }

    /**
     * The 2l+1 values of degree {@code l} at the direction of {@code v} (any non-zero length); at the zero vector
     * they are 0 for l &gt; 0 (and 1 for l = 0), as in e3nn.
     */
    public static double[] of(int l, double[] v) {
        if (v.length != 3) {
            throw new IllegalArgumentException("Spherical harmonics take a 3-vector, got " + v.length + " components");
        }
        return of(l, v[0], v[1], v[2]);
    }

    /** As {@link #of(int, double[])} for the point (x, y, z). */
    public static double[] of(int l, double x, double y, double z) {
        if (l < 0) {
            throw new IllegalArgumentException("The degree l of spherical harmonics must be >= 0, got " + l);
        }
        double[] out = new double[2 * l + 1];
        double r = Math.sqrt(x * x + y * y + z * z);
        if (l == 0) {
            out[0] = 1;
            return out;
        }
        if (r == 0 || !Double.isFinite(r)) {
            return out;
        }
        // the standard real harmonics at (xs, ys, zs) = (z, x, y): polar coordinate t = zs, azimuth from (xs, ys)
        double xs = z / r;
        double ys = x / r;
        double t = y / r;
        double re = 1;    // Re (xs + i ys)^m
        double im = 0;    // Im (xs + i ys)^m
        double doubleFactorial = 1;    // (2m - 1)!!
        for (int m = 0; m <= l; m++) {
            if (m > 0) {
                double nextRe = re * xs - im * ys;
                im = re * ys + im * xs;
                re = nextRe;
                doubleFactorial *= 2 * m - 1;
            }
            double q = legendreDerivative(l, m, t, doubleFactorial);
            double norm = Math.sqrt((2 * l + 1) * factorialRatio(l, m));
            if (m == 0) {
                out[l] = norm * q;
            } else {
                out[l + m] = Math.sqrt(2) * norm * q * re;
                out[l - m] = Math.sqrt(2) * norm * q * im;
            }
        }
        return out;
    }

    /** The m-th derivative of the Legendre polynomial P_l at t, by the three-term recursion in l. */
    private static double legendreDerivative(int l, int m, double t, double doubleFactorial) {
        double previous = doubleFactorial;            // degree m
        if (l == m) {
            return previous;
        }
        double current = (2 * m + 1) * t * previous;  // degree m + 1
        for (int n = m + 2; n <= l; n++) {
            double next = ((2 * n - 1) * t * current - (n + m - 1) * previous) / (n - m);
            previous = current;
            current = next;
        }
        return current;
    }

    /** (l - m)! / (l + m)!. */
    private static double factorialRatio(int l, int m) {
        double ratio = 1;
        for (int k = l - m + 1; k <= l + m; k++) {
            ratio /= k;
        }
        return ratio;
    }
}
