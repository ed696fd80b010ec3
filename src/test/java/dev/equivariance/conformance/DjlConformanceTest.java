package dev.equivariance.conformance;

/** The DJL backend (PyTorch engine) against the backend conformance scenarios. */
class DjlConformanceTest extends BackendConformance {

    @Override
    protected BackendFixtures fixtures() {
        return SharedFixtures.djl();
    }
}
