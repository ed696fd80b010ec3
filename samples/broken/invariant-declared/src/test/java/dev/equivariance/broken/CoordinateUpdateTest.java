package dev.equivariance.broken;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/** Fails: the report says the declared output action is wrong (the output transforms like the input). */
@EquivarianceTest
class CoordinateUpdateTest {

    @ModelUnderTest
    static Block model() {
        return CoordinateUpdate.build();
    }

    /** Should be @EquivariantUnder(..., output = "vector"). */
    @InvariantUnder(group = "SO(3)", input = "vector", inputShape = {2, 6, 3}, samples = 2, trials = 16, seed = "3")
    void predictionDoesNotDependOnOrientation() {
    }
}
