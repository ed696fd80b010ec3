package dev.equivariance.samples;

import ai.djl.nn.Block;
import dev.equivariance.audit.BatchAxis;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/**
 * A point-cloud network without a batch axis: positions {@code [8, 3]} are one cloud of eight nodes, not eight
 * samples. Declared with {@code batchAxis = NONE}, or left to the auditor, which finds that the rows interact and runs
 * one transformed cloud per forward pass.
 */
@EquivarianceTest
class GraphNetTest {

    @ModelUnderTest
    static Block model() {
        return new GraphNet(16);
    }

    /** Rigid motions: displacements turn with the cloud and ignore translations (a vector, not a position). */
    @EquivariantUnder(group = "E(3)", input = "position", output = "vector", inputShape = {8, 3},
                      batchAxis = BatchAxis.NONE, trials = 32, seed = "8")
    void displacementsFollowRigidMotionsOfTheCloud() {
    }

    /** Relabelling the nodes relabels the displacements; the batch axis is found missing by the auditor. */
    @EquivariantUnder(group = "S(n)", input = "permute(axis=0)", output = "permute(axis=0)", inputShape = {8, 3},
                      trials = 32, seed = "9")
    void relabellingTheNodesRelabelsTheDisplacements() {
    }
}
