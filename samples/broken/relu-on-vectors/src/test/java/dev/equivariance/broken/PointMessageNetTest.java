package dev.equivariance.broken;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/** Fails: the report names the ReLU layer as a non-equivariant nonlinearity. */
@EquivarianceTest
class PointMessageNetTest {

    @ModelUnderTest
    static Block model() {
        return PointMessageNet.build();
    }

    @EquivariantUnder(group = "SO(3)", input = "vector", output = "vector", inputShape = {2, 5, 3},
                      samples = 2, trials = 16, seed = "1")
    void rotatingTheCloudRotatesTheOutput() {
    }
}
