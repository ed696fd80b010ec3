package dev.equivariance.search;

import java.util.random.RandomGenerator;

/** Uniform node indices in {@code [0, n)}, where n is the number of nodes the audit's group permutes. */
public final class NodeIndexSource implements InputSource {

    static final NodeIndexSource INSTANCE = new NodeIndexSource();

    private NodeIndexSource() {
    }

    /** Indices among {@code nodes} nodes. */
    public double[] sample(long[] shape, RandomGenerator rng, int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("Node indices need a group that permutes at least one node, e.g. S(n) "
                    + "with permute(axis=0) on the node features");
        }
        double[] v = new double[InputSource.count(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(nodes);
        }
        return v;
    }

    @Override
    public double[] sample(long[] shape, RandomGenerator rng) {
        throw new IllegalArgumentException("nodeIndices() draws indices among the nodes the group permutes; the audit "
                + "supplies their number, so use it as the source of an input declared relabel");
    }

    @Override
    public boolean integer() {
        return true;
    }

    @Override
    public String toString() {
        return "nodeIndices()";
    }
}
