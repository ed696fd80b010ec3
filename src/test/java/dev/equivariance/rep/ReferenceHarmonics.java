package dev.equivariance.rep;

/**
 * Real spherical harmonics in e3nn's convention, written for the tests independently of the main code: angles
 * instead of polynomials, and the closed-form sum for the associated Legendre functions instead of a recursion.
 *
 * <p>e3nn's basis is the standard real basis (no Condon-Shortley phase; m &gt; 0 with cos(m phi), m &lt; 0 with
 * sin(|m| phi); order m = -l..l) with y as the polar axis: {@code cos theta = y/r}, {@code phi = atan2(x, z)}. Values
 * in e3nn's 'component' normalisation ({@code |Y^l|^2 = 2l+1} on the unit sphere).
 */
final class ReferenceHarmonics {

    private ReferenceHarmonics() {
    }

    static double[] of(int l, double[] v) {
        double r = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        double theta = Math.acos(Math.max(-1, Math.min(1, v[1] / r)));
        double phi = Math.atan2(v[0], v[2]);
        double[] out = new double[2 * l + 1];
        for (int m = -l; m <= l; m++) {
            int am = Math.abs(m);
            double p = associatedLegendre(l, am, Math.cos(theta), Math.sin(theta));
            double n = Math.sqrt((2 * l + 1) * factorial(l - am) / factorial(l + am));
            if (m == 0) {
                out[l] = n * p;
            } else if (m > 0) {
                out[l + m] = Math.sqrt(2) * n * p * Math.cos(am * phi);
            } else {
                out[l + m] = Math.sqrt(2) * n * p * Math.sin(am * phi);
            }
        }
        return out;
    }

    /**
     * P_l^m(cos theta) without the Condon-Shortley phase, from Rodrigues' formula expanded:
     * {@code sin^m theta 2^-l sum_k (-1)^k C(l,k) C(2l-2k,l) (l-2k)!/(l-2k-m)! cos^(l-2k-m) theta}.
     */
    private static double associatedLegendre(int l, int m, double c, double s) {
        double sum = 0;
        for (int k = 0; k <= (l - m) / 2; k++) {
            sum += (k % 2 == 0 ? 1 : -1) * binomial(l, k) * binomial(2 * l - 2 * k, l)
                    * factorial(l - 2 * k) / factorial(l - 2 * k - m) * Math.pow(c, l - 2 * k - m);
        }
        return sum / Math.pow(2, l) * Math.pow(s, m);
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    private static double binomial(int n, int k) {
        return factorial(n) / (factorial(k) * factorial(n - k));
    }
}
