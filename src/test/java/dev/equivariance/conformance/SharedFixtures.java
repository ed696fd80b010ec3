package dev.equivariance.conformance;

import dev.equivariance.backend.nd4j.Nd4jTestSetup;

/**
 * One fixture set per backend for the whole test JVM: ND4J and DJL initialise their engines once, and every
 * conformance and agreement test reuses them (the fixtures hold no per-test state). ND4J runs on one thread in tests (see {@link Nd4jTestSetup}).
 */
final class SharedFixtures {

    private static DjlFixtures djl;
    private static Nd4jFixtures nd4j;

    private SharedFixtures() {
    }

    static synchronized BackendFixtures djl() {
        if (djl == null) {
            djl = new DjlFixtures();
        }
        return djl;
    }

    static synchronized BackendFixtures nd4j() {
        if (nd4j == null) {
            Nd4jTestSetup.init();
            nd4j = new Nd4jFixtures();
        }
        return nd4j;
    }
}
