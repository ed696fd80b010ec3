package dev.equivariance.search;

import java.util.random.RandomGenerator;

/** Draws the values of a generated input of a given shape from a seeded random source. */
@FunctionalInterface
public interface InputSource {

    /** Row-major values for a tensor of {@code shape}. */
    double[] sample(long[] shape, RandomGenerator rng);

    /**
     * Whether the values are integers (graph indices such as {@code edge_index}): they are fed to the model as int64,
     * never cast to a floating type, and never simplified while shrinking.
     */
    default boolean integer() {
        return false;
    }

    /** Uniform integers in {@code [lo, hi)}, fed as int64 (e.g. random edges {@code [2, E]} of a graph of hi nodes). */
    static InputSource integers(int lo, int hi) {
        if (hi <= lo) {
            throw new IllegalArgumentException("integers(lo, hi) needs lo < hi, got " + lo + ", " + hi);
        }
        return new IntegerSource("integers(" + lo + ", " + hi + ")", (shape, rng) -> {
            double[] v = new double[count(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = lo + rng.nextInt(hi - lo);
            }
            return v;
        });
    }

    /**
     * Random node indices in {@code [0, n)} for the n nodes the audit's group permutes (e.g. random edges
     * {@code [2, E]}), fed as int64: the default source of an input declared {@code relabel}.
     */
    static InputSource nodeIndices() {
        return NodeIndexSource.INSTANCE;
    }

    /**
     * The {@code edge_index} of a fully connected directed graph without self-loops, as PyTorch Geometric writes it:
     * shape {@code [2, n(n-1)]}, row 0 the sources, row 1 the targets, every ordered pair {@code i != j} once (edges
     * grouped by source). The number of nodes n is read from the shape; fed as int64.
     */
    static InputSource fullyConnectedGraph() {
        return new IntegerSource("fullyConnectedGraph()", (shape, rng) -> {
            if (shape.length != 2 || shape[0] != 2) {
                throw new IllegalArgumentException("fullyConnectedGraph() makes an edge_index of shape [2, n(n-1)], "
                        + "not " + java.util.Arrays.toString(shape));
            }
            long e = shape[1];
            long n = Math.round((1 + Math.sqrt(1 + 4.0 * e)) / 2);
            if (n * (n - 1) != e) {
                throw new IllegalArgumentException("fullyConnectedGraph(): " + e + " edges is not n(n-1) for any n; "
                        + "use [2, " + 8 * 7 + "] for 8 nodes, say");
            }
            double[] v = new double[(int) (2 * e)];
            int p = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        v[p] = i;
                        v[(int) e + p] = j;
                        p++;
                    }
                }
            }
            return v;
        });
    }

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
