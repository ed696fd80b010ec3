package dev.equivariance.broken;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/** One cloud of eight nodes, no batch axis declared: the auditor finds that out and blames the ReLU. */
@EquivarianceTest
class CloudNetTest {

    @ModelUnderTest
    static Block model() {
        return CloudNet.build();
    }

    @EquivariantUnder(group = "SO(3)", input = "vector", output = "vector", inputShape = {8, 3}, trials = 16,
                      seed = "5")
    void displacementsTurnWithTheCloud() {
    }
}
