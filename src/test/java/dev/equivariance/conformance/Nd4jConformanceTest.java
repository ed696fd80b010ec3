package dev.equivariance.conformance;

/** The ND4J backend (SameDiff graphs) against the backend conformance scenarios. */
class Nd4jConformanceTest extends BackendConformance {

    @Override
    protected BackendFixtures fixtures() {
        return SharedFixtures.nd4j();
    }
}
