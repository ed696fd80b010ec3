package dev.equivariance.rep;

/**
 * A product quadrature on the unit sphere that integrates every polynomial of degree at most {@code 2l} exactly:
 * {@code l + 1} Gauss-Legendre nodes in the polar coordinate y times {@code 2l + 1} equally spaced azimuths. The
 * weights sum to 4 pi.
 */
final class SphereQuadrature {

    final double[][] points;
    final double[] weights;

    private SphereQuadrature(double[][] points, double[] weights) {
        this.points = points;
        this.weights = weights;
    }

    /** Exact for polynomials of degree {@code <= 2l}. */
    static SphereQuadrature forDegree(int l) {
        int polar = l + 1;
        int azimuths = 2 * l + 1;
        double[][] legendre = gaussLegendre(polar);
        double[][] points = new double[polar * azimuths][];
        double[] weights = new double[points.length];
        int k = 0;
        for (int i = 0; i < polar; i++) {
            double y = legendre[0][i];
            double s = Math.sqrt(Math.max(0, 1 - y * y));
            for (int j = 0; j < azimuths; j++) {
                double phi = 2 * Math.PI * j / azimuths;
                points[k] = new double[] {s * Math.sin(phi), y, s * Math.cos(phi)};
                weights[k] = legendre[1][i] * 2 * Math.PI / azimuths;
                k++;
            }
        }
        return new SphereQuadrature(points, weights);
    }

    /**
     * Nodes (row 0) and weights (row 1) of the n-point Gauss-Legendre rule on [-1, 1] (n &gt;= 1), by Newton's
     * method on the Legendre polynomial P_n.
     */
    static double[][] gaussLegendre(int n) {
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                // p1 = P_n(x), p0 = P_(n-1)(x)
                derivative = n * (x * p1 - p0) / (x * x - 1);
                double step = p1 / derivative;
                x -= step;
                if (Math.abs(step) < 1e-16) {
                    break;
                }
            }
            nodes[i] = x;
            weights[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
        return new double[][] {nodes, weights};
    }
}
