package dev.equivariance.search;

import java.util.random.RandomGenerator;

/** Draws the values of a generated input of a given shape from a seeded random source. */
@FunctionalInterface
public interface InputSource {

    /** Row-major values for a tensor of {@code shape}. */
    double[] sample(long[] shape, RandomGenerator rng);

    /** Standard normal values (the default). */
    static InputSource gaussian() {
        return (shape, rng) -> {
            double[] v = new double[count(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextGaussian();
            }
            return v;
        };
    }

    /** Uniform values in [lo, hi). */
    static InputSource uniform(double lo, double hi) {
        return (shape, rng) -> {
            double[] v = new double[count(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = lo + (hi - lo) * rng.nextDouble();
            }
            return v;
        };
    }

    /** The number of elements of a shape. */
    static int count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Negative dimension in shape " + java.util.Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Input too large to generate: " + java.util.Arrays.toString(shape));
        }
        return (int) n;
    }
}
