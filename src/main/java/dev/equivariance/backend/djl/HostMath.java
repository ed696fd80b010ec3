package dev.equivariance.backend.djl;

/** Per-slice arithmetic on host copies of small arrays, in float64 (see {@link DjlTensor#HOST_ELEMENTS}). */
final class HostMath {

    private HostMath() {
    }

    /** {sum of squares, largest absolute value} of each of {@code count} equal slices of {@code diff}. */
    static double[][] sliceDifferenceStatistics(double[] diff, int count) {
        double[] sums = new double[count];
        double[] max = new double[count];
        int inner = count == 0 ? 0 : diff.length / count;
        for (int s = 0; s < count; s++) {
            double sum = 0;
            double m = 0;
            for (int i = s * inner, end = i + inner; i < end; i++) {
                double d = diff[i];
                sum += d * d;
                double a = Math.abs(d);
                // NaN propagates, as in the device's maximum
                m = a > m || Double.isNaN(a) ? a : m;
            }
            sums[s] = sum;
            max[s] = m;
        }
        return new double[][] {sums, max};
    }

    /**
     * {@code y[s, ..., i, ...] = sum_j matrices[s][i][j] x[s, ..., j, ...]} along {@code axis} of a row-major array
     * of shape {@code shape} (axis 0 indexes the slices).
     */
    static double[] contractSlices(double[] x, long[] shape, int axis, double[][][] matrices) {
        int count = (int) shape[0];
        int m = (int) shape[axis];
        int n = matrices[0].length;
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= (int) shape[d];
        }
        int outer = 1;
        for (int d = 1; d < axis; d++) {
            outer *= (int) shape[d];
        }
        double[] y = new double[count * outer * n * inner];
        if (inner == 1) {
            // the contracted axis is the last one (vectors, irreps features): a dot product per output entry
            for (int s = 0; s < count; s++) {
                double[][] mat = matrices[s];
                for (int o = 0; o < outer; o++) {
                    int xBase = ((s * outer) + o) * m;
                    int yBase = ((s * outer) + o) * n;
                    for (int i = 0; i < n; i++) {
                        double[] row = mat[i];
                        double acc = 0;
                        for (int j = 0; j < m; j++) {
                            acc += row[j] * x[xBase + j];
                        }
                        y[yBase + i] = acc;
                    }
                }
            }
            return y;
        }
        for (int s = 0; s < count; s++) {
            double[][] mat = matrices[s];
            for (int o = 0; o < outer; o++) {
                int xBase = ((s * outer) + o) * m * inner;
                int yBase = ((s * outer) + o) * n * inner;
                for (int i = 0; i < n; i++) {
                    double[] row = mat[i];
                    int yRow = yBase + i * inner;
                    for (int j = 0; j < m; j++) {
                        double w = row[j];
                        int xRow = xBase + j * inner;
                        for (int k = 0; k < inner; k++) {
                            y[yRow + k] += w * x[xRow + k];
                        }
                    }
                }
            }
        }
        return y;
    }
}
