package dev.equivariance.docs;

import ai.djl.nn.Block;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.models.CircularCnn;

/** The Z(8)xZ(8) declaration of docs/groups-and-actions.md, as written there, on the circularly padded CNN. */
@EquivarianceTest
class CircularCnnExamplesTest {

    @ModelUnderTest
    static Block model() { return CircularCnn.circular(4, 2); }

    @InvariantUnder(group = "Z(8)xZ(8)", input = "roll(axes=(2,3))", inputShape = {2, 3, 8, 8})        // images (B, C, H, W)
    void circularShiftsOfImages() {}
}
