package dev.equivariance.backend.nd4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The test JVM's ND4J setup, done once: one ND4J thread ({@code setMaxMasterThreads(1)}; {@code setMaxThreads}
 * has no visible effect once ND4J has started). The fixture models are tiny, and on a 2-core machine
 * shared with other processes ND4J's OpenMP workers spend their time waiting for each other (measured: a SameDiff
 * forward pass of the EGNN fixture takes 8-150 ms with the default 2 threads under load, 3-4 ms with 1).
 */
public final class Nd4jTestSetup {

    private static boolean done;

    private Nd4jTestSetup() {
    }

    /** Initialises ND4J for tests (idempotent). */
    public static synchronized void init() {
        if (!done) {
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            done = true;
        }
    }
}
