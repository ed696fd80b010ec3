package dev.equivariance.conformance;

import dev.equivariance.audit.Audit;
import dev.equivariance.tensor.DType;

/**
 * The audits every backend runs, written once: the same group, actions, shapes, trials and seed for each fixture
 * model, so that two backends draw the same elements and inputs.
 */
final class Scenarios {

    /** Points per set in the DeepSets scenarios. */
    static final int SET_SIZE = 6;

    private Scenarios() {
    }

    static Audit.Runner deepSets(BackendFixtures f, boolean positional, DType dtype) {
        return Audit.of(f.deepSets(positional, SET_SIZE, dtype)).group("S(n)")
                .input("permute(axis=1)", 2, SET_SIZE, 3).invariant().dtype(dtype).samples(2).trials(16).seed(11);
    }

    static Audit.Runner liftingConv(BackendFixtures f, boolean unrotated, DType dtype) {
        return Audit.of(f.liftingConv(unrotated, dtype)).group("C4").input("rot90(axes=(2,3))", 2, 1, 7, 7)
                .output("p4(axis=1, axes=(2,3))").dtype(dtype).samples(2).trials(8).seed(12);
    }

    static Audit.Runner vectorModel(BackendFixtures f, boolean reluOnVectors, DType dtype) {
        return Audit.of(f.vectorModel(reluOnVectors, dtype)).group("SO(3)").input("vector", 2, 5, 3)
                .output("vector").dtype(dtype).samples(2).trials(16).seed(13);
    }

    static Audit.Runner setNetwork(BackendFixtures f, boolean broken) {
        return Audit.of(f.setNetwork(broken, SET_SIZE)).group("S(n)").input("permute(axis=1)", 2, SET_SIZE, 3)
                .output("permute(axis=1)").samples(2).trials(12).seed(14);
    }

    static Audit.Runner straightThrough(BackendFixtures f) {
        return Audit.of(f.straightThrough(5)).group("S(n)").input("permute(axis=1)", 2, 5, 3).invariant()
                .samples(2).trials(12).seed(15).gradients(true);
    }
}
