package dev.equivariance.rep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.backend.djl.DjlBackend;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.util.SplittableRandom;

/** A float64 DJL backend for the action tests, with helpers to make and compare tensors on the host. */
final class HostTensors implements AutoCloseable {

    private final DjlBackend backend = new DjlBackend();
    private TensorScope scope;

    /** Opens a scope that frees every tensor made until {@link #endScope()}. */
    void beginScope() {
        scope = backend.openScope();
    }

    void endScope() {
        if (scope != null) {
            scope.close();
            scope = null;
        }
    }

    Tensor of(double[] data, long... shape) {
        return backend.fromDoubles(data, shape, DType.FLOAT64);
    }

    /** 0, 1, 2, ... in row-major order. */
    Tensor arange(long... shape) {
        double[] data = new double[(int) size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        return of(data, shape);
    }

    /** Standard normal entries. */
    Tensor random(SplittableRandom rng, long... shape) {
        double[] data = new double[(int) size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = gaussian(rng);
        }
        return of(data, shape);
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The largest absolute difference of two tensors of the same shape (asserted). */
    static double maxAbsDiff(Tensor a, Tensor b) {
        assertThat(a.shape()).as("shapes").containsExactly(b.shape());
        double[] x = a.toDoubles();
        double[] y = b.toDoubles();
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    static double norm(Tensor a) {
        return Math.sqrt(a.sumOfSquares());
    }

    @Override
    public void close() {
        endScope();
        backend.close();
    }
}
