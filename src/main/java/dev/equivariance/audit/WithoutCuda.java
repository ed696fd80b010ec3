package dev.equivariance.audit;

/**
 * What an audit does when it asks for CUDA ({@code device = "cuda"}) and CUDA is not available: no CUDA natives on
 * the class path, no GPU visible, or fewer GPUs than the index asked for. It never falls back to the CPU.
 */
public enum WithoutCuda {

    /** The test is skipped (aborted with JUnit's assumption mechanism) and the reason goes to the JUnit report. */
    SKIP,

    /** The test fails with the reason. */
    FAIL
}
