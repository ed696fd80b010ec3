package dev.equivariance.broken;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;

/** Fails: the report finds padding / boundary effects at the first convolution. */
@EquivarianceTest
class ShiftInvariantCnnTest {

    @ModelUnderTest
    static Block model() {
        return ShiftInvariantCnn.build(3, 2);
    }

    @InvariantUnder(group = "Z(8)xZ(8)", input = "roll(axes=(2,3))", inputShape = {2, 2, 8, 8},
                    samples = 2, trials = 16, seed = "6")
    void classDoesNotDependOnWhereTheGridStarts() {
    }
}
