package dev.equivariance.samples;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/**
 * The E(n)-GNN moves points of a cloud: rotating, reflecting or relabelling the input cloud must rotate, reflect or
 * relabel the output cloud the same way. Inputs are batches of two clouds of 8 points.
 */
@EquivarianceTest
class EgnnTest {

    @ModelUnderTest
    static Block model() {
        return new Egnn(16, 32, 2);
    }

    /** Rotations and relabellings together: an element of SO(3) x S(8) acts on the point axis and on the vectors. */
    @EquivariantUnder(group = "SO(3) x S(n)", input = "permute(axis=1) & vector",
                      output = "permute(axis=1) & vector", inputShape = {2, 8, 3},
                      samples = 3, trials = 32, seed = "1999")
    void rotatingOrRelabellingTheCloudCarriesThroughTheNetwork() {
    }

    /** Reflections too: the network sees only distances, so improper rotations are symmetries as well. */
    @EquivariantUnder(group = "O(3)", input = "vector", output = "vector", inputShape = {2, 8, 3},
                      samples = 3, trials = 32, seed = "2021")
    void reflectingTheCloudReflectsTheOutput() {
    }
}
